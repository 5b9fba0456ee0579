#!/usr/bin/env node
// Runs matchstick-as test files without matchstick's binary.
// Usage: node tools/matchstick-runner/cli.mjs [--schema schema.graphql] [--out <dir>] <test files or folders…>
// Prints one line per test and closes with "N passed, M failed"; exits non-zero on any failure.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runTestFile } from './runner.mjs';

function collect(paths) {
  const files = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name.endsWith('.test.ts')) files.push(join(path, name));
    } else files.push(path);
  }
  return files;
}

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(name);
  if (index === -1) return fallback;
  const [, value] = argv.splice(index, 2);
  return value;
};
const schemaFile = resolve(option('--schema', 'schema.graphql'));
const outDir = option('--out', undefined);
const files = collect(argv.length ? argv : ['tests']);
if (files.length === 0) {
  console.error('matchstick-runner: no *.test.ts files found');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const started = Date.now();
for (const file of files) {
  console.log(`\n${relative(process.cwd(), file)}`);
  let outcome;
  try {
    outcome = await runTestFile(file, { schemaFile, outDir: outDir && resolve(outDir) });
  } catch (error) {
    failed++;
    console.log(`  ✖ could not run: ${error.message}`);
    continue;
  }
  for (const result of outcome.results) {
    if (result.passed) {
      passed++;
      console.log(`  ✔ ${result.name}`);
    } else {
      failed++;
      console.log(`  ✖ ${result.name}\n      ${result.message}`);
    }
  }
  if (outcome.results.length === 0) {
    failed++;
    console.log('  ✖ the file registered no test');
  }
}
console.log(`\nmatchstick-runner: ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
