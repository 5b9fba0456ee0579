#!/usr/bin/env node
// forge calls this in place of a native solc (a native download is not possible here):
// `--version` to learn the compiler version, then `--standard-json` with the input on stdin.
// It answers with the WebAssembly build of solc from npm, reading imports from disk.
import { readFileSync, existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');
const args = process.argv.slice(2);

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('This wrapper only supports --version and --standard-json.\n');
  process.exit(1);
}

// Import paths are resolved against the base path and every include path, like native solc.
const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path' || args[i] === '--include-path') roots.push(args[++i]);
}
if (roots.length === 0) roots.push(process.cwd());

function findImports(path) {
  const candidates = isAbsolute(path) ? [path] : roots.map((root) => resolve(root, path));
  for (const file of candidates) {
    if (existsSync(file)) return { contents: readFileSync(file, 'utf8') };
  }
  return { error: `File not found: ${path}` };
}

const input = readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
