// The runner's own tests (node:test): it must report passes and failures truthfully.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as decimal from './bigdecimal.mjs';
import { bigIntFromBytes, bigIntToBytes } from './memory.mjs';
import { runTestFile } from './runner.mjs';
import { readSchema } from './schema.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const schemaFile = join(fixtures, 'schema.graphql');
let outDir;

before(() => {
  outDir = mkdtempSync(join(tmpdir(), 'matchstick-runner-'));
});
after(() => {
  rmSync(outDir, { recursive: true, force: true });
});

const quiet = () => {};

describe('running compiled matchstick tests', () => {
  test('the store and host helpers fixture passes completely', async () => {
    const { results } = await runTestFile(join(fixtures, 'store.test.ts'), { outDir, schemaFile, log: quiet });
    const failures = results.filter((r) => !r.passed);
    assert.deepEqual(failures, []);
    assert.equal(results.length, 6);
    assert.equal(results[0].name, 'store > an entity round-trips through store.set and store.get');
  });

  test('failures, expected failures and hooks are reported as they happened', async () => {
    const { results } = await runTestFile(join(fixtures, 'outcomes.test.ts'), { outDir, schemaFile, log: quiet });
    const byName = Object.fromEntries(results.map((r) => [r.name.replace('outcomes > ', ''), r]));
    assert.equal(results.length, 6);
    assert.equal(byName.passes.passed, true);
    assert.equal(byName['fails on a wrong field value'].passed, false);
    assert.match(byName['fails on a wrong field value'].message, /Item\(x\)\.name is 'real', expected 'expected-name'/);
    assert.equal(byName['passes because it throws and is expected to'].passed, true);
    assert.equal(byName['fails because it was expected to throw but did not'].passed, false);
    assert.match(byName['fails because it was expected to throw but did not'].message, /expected the test to fail/);
    assert.equal(byName['fails when an entity lacks a non-nullable field'].passed, false);
    assert.match(byName['fails when an entity lacks a non-nullable field'].message, /non-nullable field 'amount'/);
    assert.equal(byName['sees the beforeEach hook run once per test'].passed, true);
    assert.equal(results.filter((r) => r.passed).length, 3);
  });

  test('data source templates: created, counted, found, kept across clearStore, with their context', async () => {
    const { results, dataSources } = await runTestFile(join(fixtures, 'templates.test.ts'), { outDir, schemaFile, log: quiet });
    const byName = Object.fromEntries(results.map((r) => [r.name.replace('templates > ', ''), r]));
    assert.equal(results.length, 5);
    assert.equal(byName['created data sources are counted per template and found by address'].passed, true, byName['created data sources are counted per template and found by address'].message);
    assert.equal(byName['clearStore keeps the data sources, as matchstick does'].passed, true);
    assert.equal(byName['a handler reads the address and context its data source was mocked with'].passed, true, byName['a handler reads the address and context its data source was mocked with'].message);
    assert.equal(byName['a missing data source fails its assertion'].passed, false);
    assert.match(byName['a missing data source fails its assertion'].message, /no data source from template 'Pool' for address '0x0+cc'/);
    assert.equal(byName['a template the manifest does not name fails'].passed, false);
    assert.match(byName['a template the manifest does not name fails'].message, /no template named 'Nope' in the manifest; its templates are: Pool, Vault/);
    // The runner hands back what was created, with the context each data source started with.
    assert.deepEqual(dataSources.toJSON().Pool, [
      { address: '0x00000000000000000000000000000000000000aa', context: { owner: '0x03' } },
      { address: '0x00000000000000000000000000000000000000bb', context: { owner: '0x02' } },
    ]);
  });

  test('a file that does not compile is reported with the compiler message', async () => {
    const broken = join(outDir, 'broken.test.ts');
    writeFileSync(broken, 'import { test } from "matchstick-as/assembly/index"\ntest("x", () => { let a: i32 = "nope" })\n');
    await assert.rejects(runTestFile(broken, { outDir, schemaFile, log: quiet }), /compiling broken\.test\.ts failed:[\s\S]*TS2322/);
  });
});

describe('the command line', () => {
  test('prints each test and closes with the counts; exits 1 when a test failed', () => {
    const cli = join(here, 'cli.mjs');
    const run = (file) =>
      spawnSync(process.execPath, [cli, '--schema', schemaFile, '--out', outDir, join(fixtures, file)], { encoding: 'utf8' });
    const failing = run('outcomes.test.ts');
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /✖ outcomes > fails on a wrong field value\n\s+Item\(x\)\.name is 'real', expected 'expected-name'/);
    assert.equal(failing.stdout.trim().split('\n').at(-1), '3 passed, 3 failed');
    const passing = run('store.test.ts');
    assert.equal(passing.status, 0, passing.stdout);
    assert.equal(passing.stdout.trim().split('\n').at(-1), '6 passed, 0 failed');
  });
});

describe('value conversions', () => {
  test('BigInt bytes are little-endian two\'s complement, shortest form', () => {
    for (const value of [0n, 1n, 127n, 128n, 255n, -1n, -128n, -129n, 2n ** 200n, -(2n ** 200n) + 7n]) {
      assert.equal(bigIntFromBytes(bigIntToBytes(value)), value);
    }
    assert.deepEqual([...bigIntToBytes(128n)], [0x80, 0x00]);
    assert.deepEqual([...bigIntToBytes(-1n)], [0xff]);
  });

  test('BigDecimal prints in plain notation and divides to 34 digits', () => {
    assert.equal(decimal.toString(decimal.fromString('1.2300')), '1.23');
    assert.equal(decimal.toString(decimal.fromString('12e3')), '12000');
    assert.equal(decimal.toString(decimal.fromString('-0.005')), '-0.005');
    assert.equal(decimal.toString(decimal.dividedBy(decimal.fromString('1'), decimal.fromString('3'))), `0.${'3'.repeat(34)}`);
    assert.throws(() => decimal.fromString('abc'), /invalid BigDecimal/);
  });

  test('schema reading finds required and derived fields', () => {
    const { required, derived } = readSchema(schemaFile);
    assert.deepEqual(required.get('Item'), ['id', 'name', 'amount', 'tags']);
    assert.ok(derived.has('Item.parts'));
    assert.deepEqual(required.get('Part'), ['id', 'item']);
  });
});
