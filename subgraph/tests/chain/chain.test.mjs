// The handlers against a real chain: deploy the compiled contracts on anvil, run governance and
// treasury payouts, replay every log through the handlers with the Node matchstick runner, and
// compare the entities with the contracts' own views.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runTestFile } from '../../tools/matchstick-runner/runner.mjs';
import { startAnvil } from './anvil.mjs';
import { generateReplayTest } from './generate.mjs';
import { runScenario } from './scenario.mjs';

const subgraphDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let anvil;

before(async () => {
  anvil = await startAnvil();
});
after(async () => {
  await anvil?.stop();
});

test('a real governance and treasury history indexes to the state the contracts report', async () => {
  const history = await runScenario(anvil.url);
  const { source, replayed, tests } = generateReplayTest(history);
  // The scenario emits well over fifty indexed events (deployment, delegation, votes, queue, execute, payouts).
  assert.ok(replayed > 50, `replayed ${replayed} events`);
  const dir = join(subgraphDir, 'tests', '.generated');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'chain-replay.ts');
  writeFileSync(file, source);
  const { results } = await runTestFile(file, { schemaFile: join(subgraphDir, 'schema.graphql'), log: () => {} });
  const failures = results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.message}`);
  assert.deepEqual(failures, []);
  assert.equal(results.length, tests);
});
