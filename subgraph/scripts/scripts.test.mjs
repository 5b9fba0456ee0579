// Tests of the manifest scripts: networks.json from deployment files, ABIs from forge artifacts,
// and that the manifest handles every event the contracts emit.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ABI_SOURCES, extractAbis } from './abis.mjs';
import { buildNetworks, DATA_SOURCES, networkEntry } from './networks.mjs';

const subgraphDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = JSON.parse(readFileSync(join(subgraphDir, 'tests/fixtures/deployments/31337.json'), 'utf8'));
const manifest = parse(readFileSync(join(subgraphDir, 'subgraph.yaml'), 'utf8'));
let scratch;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'subgraph-scripts-'));
});
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function deploymentsDir(name, files) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('networks.json from deployments/<chainId>.json', () => {
  test('a local deployment becomes the "localhost" network: its community factory, from the deployment block', () => {
    const networks = buildNetworks(join(subgraphDir, 'tests/fixtures/deployments'));
    assert.deepEqual(networks, { localhost: { CommunityFactory: { address: fixture.contracts.communityFactory, startBlock: 3 } } });
  });

  test('the start block is the earliest block a community of the file was created in', () => {
    const later = { name: 'Neighbours', deploymentBlock: 90 };
    const earlier = { name: 'Allotment', deploymentBlock: 2 };
    const { entry } = networkEntry({ ...fixture, communities: [...fixture.communities, later, earlier] });
    assert.deepEqual(entry.CommunityFactory, { address: fixture.contracts.communityFactory, startBlock: 2 });
    assert.throws(() => networkEntry({ ...fixture, communities: [{ deploymentBlock: -4 }] }), /"communities\[0\]\.deploymentBlock" must be a block number/);
    assert.throws(() => networkEntry({ ...fixture, communities: {} }), /"communities" must be a list/);
  });

  test('a deployment made before the factory is left out, saying why', () => {
    const { communityFactory, ...beforeFactory } = fixture.contracts;
    const skipped = [];
    const networks = buildNetworks(deploymentsDir('prefactory', { '31337.json': { ...fixture, contracts: beforeFactory } }), skipped);
    assert.deepEqual(networks, {});
    assert.equal(skipped.length, 1);
    assert.match(skipped[0], /deployments\/31337\.json has no "contracts\.communityFactory".*Deploy again with the current deploy script/);
  });

  test('several deployments give several networks, each with its deployment block', () => {
    const sepolia = { ...fixture, chainId: 11155111, deploymentBlock: 7_654_321, communities: [] };
    sepolia.contracts = { ...fixture.contracts, demoStablecoin: undefined };
    const dir = deploymentsDir('two', { '31337.json': fixture, '11155111.json': sepolia, 'notes.txt': 'ignored' });
    const networks = buildNetworks(dir);
    assert.deepEqual(Object.keys(networks).sort(), ['localhost', 'sepolia']);
    assert.equal(networks.sepolia.CommunityFactory.startBlock, 7_654_321);
  });

  test('no deployments folder yet gives an empty networks.json', () => {
    assert.deepEqual(buildNetworks(join(scratch, 'missing')), {});
  });

  test('the manifest has exactly the data sources the script fills; each community contract is a template', () => {
    assert.deepEqual(manifest.dataSources.map((d) => d.name).sort(), Object.keys(DATA_SOURCES).sort());
    assert.deepEqual(manifest.templates.map((t) => t.name).sort(), ['CommunityGovernor', 'CommunityToken', 'PaymentPolicy', 'Timelock', 'Treasury']);
    for (const template of manifest.templates) assert.equal(template.source.address, undefined, `${template.name} takes its address from the factory`);
  });

  test('bad deployment files get errors that say what to fix', () => {
    const nullFactory = { ...fixture, contracts: { ...fixture.contracts, communityFactory: null } };
    assert.throws(() => networkEntry(nullFactory, 'deployments/31337.json'), /deployments\/31337\.json: "contracts\.communityFactory" must be a 0x-prefixed 20-byte address, got null/);
    const shortAddress = { ...fixture, contracts: { ...fixture.contracts, communityFactory: '0x1234' } };
    assert.throws(() => networkEntry(shortAddress), /"contracts\.communityFactory" must be a 0x-prefixed 20-byte address, got "0x1234"/);
    assert.throws(() => networkEntry({ ...fixture, chainId: 999999 }), /chain 999999 has no known Graph network name/);
    assert.throws(() => networkEntry({ ...fixture, chainId: '31337' }), /"chainId" must be a positive integer/);
    assert.throws(() => networkEntry({ ...fixture, deploymentBlock: -1 }), /"deploymentBlock" must be a block number/);
    assert.throws(() => networkEntry([]), /expected a JSON object/);
    assert.throws(() => buildNetworks(deploymentsDir('badjson', { '31337.json': '{ "chainId": ' })), /deployments\/31337\.json is not valid JSON/);
    assert.throws(() => buildNetworks(deploymentsDir('misnamed', { '1.json': fixture })), /the file must be named 31337\.json/);
  });
});

describe('building for a deployment', () => {
  test('graph-cli\'s --network step takes every address and start block from networks.json', async () => {
    // The very function `graph build/deploy --network` runs, on a copy (it rewrites the manifest).
    const { updateSubgraphNetwork } = await import('@graphprotocol/graph-cli/dist/command-helpers/network.js');
    const networksFile = join(scratch, 'networks.json');
    writeFileSync(networksFile, JSON.stringify(buildNetworks(join(subgraphDir, 'tests/fixtures/deployments'))));
    const copy = join(scratch, 'subgraph.yaml');
    copyFileSync(join(subgraphDir, 'subgraph.yaml'), copy);
    await updateSubgraphNetwork(copy, 'localhost', networksFile, 'address');
    const built = parse(readFileSync(copy, 'utf8'));
    const byName = Object.fromEntries(built.dataSources.map((d) => [d.name, d]));
    for (const [dataSource, key] of Object.entries(DATA_SOURCES)) {
      assert.equal(byName[dataSource].network, 'localhost');
      assert.equal(byName[dataSource].source.address, fixture.contracts[key]);
      assert.equal(byName[dataSource].source.startBlock, fixture.deploymentBlock);
      assert.equal(byName[dataSource].source.startBlock, 3);
      assert.equal(byName[dataSource].source.abi, manifest.dataSources.find((d) => d.name === dataSource).source.abi);
    }
  });
});

describe('ABIs from the forge artifacts', () => {
  test('a missing artifact says how to build the contracts', () => {
    assert.throws(
      () => extractAbis({ artifactsDir: join(scratch, 'no-out'), outDir: join(scratch, 'abis') }),
      /Missing forge artifact CommunityToken\.sol\/CommunityToken\.json.*npx forge build/,
    );
  });

  test('each ABI the manifest names is extracted, and the manifest handles every event of it', () => {
    const artifactsDir = join(subgraphDir, '..', 'contracts', 'out');
    const outDir = join(scratch, 'abis');
    extractAbis({ artifactsDir, outDir });
    // Events deliberately not indexed: allowances and EIP-712 domain changes carry nothing a page shows, and
    // `Initialized` (each cloned part, once, in the factory's transaction) says nothing CommunityCreated does not.
    const notIndexed = new Set(['Approval', 'EIP712DomainChanged', 'Initialized']);
    for (const source of [...manifest.dataSources, ...manifest.templates]) {
      const abiName = source.source.abi;
      assert.ok(ABI_SOURCES[abiName], `${abiName} is extracted by scripts/abis.mjs`);
      const abi = JSON.parse(readFileSync(join(outDir, `${abiName}.json`), 'utf8'));
      const signatures = abi
        .filter((item) => item.type === 'event' && !notIndexed.has(item.name))
        .map((e) => `${e.name}(${e.inputs.map((i) => `${i.indexed ? 'indexed ' : ''}${i.type}`).join(',')})`);
      const handled = source.mapping.eventHandlers.map((h) => h.event);
      assert.deepEqual(handled.slice().sort(), signatures.slice().sort(), `${source.name} handles every event of ${abiName}`);
      for (const handler of source.mapping.eventHandlers) {
        assert.equal(handler.handler, `handle${handler.event.slice(0, handler.event.indexOf('('))}`);
      }
    }
  });
});

describe('handler tests', () => {
  test('every handler of the manifest is called by a matchstick test', () => {
    const testsDir = join(subgraphDir, 'tests');
    const sources = readdirSync(testsDir)
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => readFileSync(join(testsDir, name), 'utf8'));
    for (const source of [...manifest.dataSources, ...manifest.templates]) {
      const module = source.mapping.file.replace(/^\.\//, '../').replace(/\.ts$/, '');
      for (const { handler } of source.mapping.eventHandlers) {
        const tested = sources.some(
          (text) => new RegExp(`import \\{[^}]*\\b${handler}\\b[^}]*\\} from "${module}"`).test(text) && text.includes(`${handler}(`),
        );
        assert.ok(tested, `${source.name}.${handler} (${module}) has a test in tests/*.test.ts`);
      }
    }
  });
});
