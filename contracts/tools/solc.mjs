#!/usr/bin/env node
// forge calls this in place of a native solc (a native download is not possible here):
// `--version` to learn the compiler version, then `--standard-json` with the input on stdin.
// It answers with the WebAssembly build of solc from npm, reading imports from disk.
//
// The WebAssembly compiler uses one core. A large build (every test and script) is split in parts
// that compile side by side, one process a core: each part gets the whole input (so every part sees
// the same sources and gives them the same ids) but asks for the output of its own files only. The
// bytecode does not depend on which outputs were asked for, so the merged answer is the one solc gives.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** Files asked for (outputSelection keys) below which one process is quicker than starting more. */
const SPLIT_FROM_FILES = 24;

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${require('solc').version()}\n`);
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('This wrapper only supports --version and --standard-json.\n');
  process.exit(1);
}

const input = readFileSync(0, 'utf8');
const parts = Number(process.env.COMMONGUARD_SOLC_PARTS ?? availableParallelism());
process.stdout.write(args.includes('--part') ? compile(input) : await compileInParts(input, parts));

/** One solc run in this process. Import paths are resolved against the base path and every include path, like native solc. */
function compile(standardJson) {
  const roots = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--base-path' || args[i] === '--include-path') roots.push(args[++i]);
  }
  if (roots.length === 0) roots.push(process.cwd());
  const findImports = (path) => {
    const candidates = isAbsolute(path) ? [path] : roots.map((root) => resolve(root, path));
    for (const file of candidates) {
      if (existsSync(file)) return { contents: readFileSync(file, 'utf8') };
    }
    return { error: `File not found: ${path}` };
  };
  return require('solc').compile(standardJson, { import: findImports });
}

/** Splits the files asked for in `count` parts of about equal size, compiles them side by side and merges the answers. */
async function compileInParts(standardJson, count) {
  const parsed = JSON.parse(standardJson);
  const selection = parsed.settings?.outputSelection ?? {};
  const files = Object.keys(selection);
  if (count < 2 || files.length < SPLIT_FROM_FILES || files.includes('*') || Object.values(parsed.sources ?? {}).some((source) => typeof source.content !== 'string')) return compile(standardJson);

  // Heaviest first, each to the lightest part. Only a deployable contract costs code generation (an
  // interface, a library of internal functions or an abstract contract has no bytecode of its own): a
  // file weighs its length when it declares one.
  const weight = (file) => (/^\s*contract\s/m.test(parsed.sources[file].content) ? parsed.sources[file].content.length : 1);
  const groups = Array.from({ length: count }, () => ({ files: [], weight: 0 }));
  for (const file of [...files].sort((a, b) => weight(b) - weight(a))) {
    const lightest = groups.reduce((min, group) => (group.weight < min.weight ? group : min));
    lightest.files.push(file);
    lightest.weight += weight(file);
  }
  const answers = await Promise.all(
    groups.map(({ files: own }) => {
      const part = { ...parsed, settings: { ...parsed.settings, outputSelection: Object.fromEntries(own.map((file) => [file, selection[file]])) } };
      return run([fileURLToPath(import.meta.url), ...args, '--part'], JSON.stringify(part)).then((output) => JSON.parse(output));
    }),
  );

  const merged = { contracts: {}, sources: answers[0].sources ?? {}, errors: [] };
  const seen = new Set();
  for (const answer of answers) {
    Object.assign(merged.contracts, answer.contracts ?? {});
    for (const [file, source] of Object.entries(answer.sources ?? {})) {
      // Every part compiles the same sources: a different id would mean the parts disagree.
      if (merged.sources[file]?.id !== source.id) throw new Error(`solc parts numbered ${file} differently`);
    }
    for (const error of answer.errors ?? []) {
      // Every part checks every source: a warning or an error comes once from each.
      const key = error.formattedMessage ?? JSON.stringify(error);
      if (!seen.has(key)) merged.errors.push(error), seen.add(key);
    }
  }
  if (merged.errors.length === 0) delete merged.errors;
  return JSON.stringify(merged);
}

/** Runs `node <args>` with `stdin`, resolving with its standard output. */
function run(nodeArgs, stdin) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, nodeArgs, { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`solc part exited with ${code}`))));
    child.stdin.end(stdin);
  });
}
