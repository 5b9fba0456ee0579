// Compiles a matchstick-as test file with graph-cli's own AssemblyScript compiler and runs it in
// Node's WebAssembly with the host functions of host.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { createImports, DataSources, EntityStore } from './host.mjs';
import { Registry } from './registry.mjs';
import { readSchema } from './schema.mjs';

const require = createRequire(import.meta.url);

/** The AssemblyScript that graph-cli compiles mappings with (so tests and `graph build` agree). */
function compilerPaths() {
  const graphCli = dirname(require.resolve('@graphprotocol/graph-cli/package.json'));
  // Node's own lookup from graph-cli's folder upwards (assemblyscript's exports hide package.json).
  let asc = null;
  for (let dir = graphCli; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'assemblyscript', 'bin', 'asc');
    if (existsSync(candidate)) {
      asc = candidate;
      break;
    }
  }
  if (!asc) throw new Error('graph-cli\'s AssemblyScript compiler was not found; run `pnpm install`.');
  const graphTs = dirname(require.resolve('@graphprotocol/graph-ts/package.json'));
  return { asc, globalTs: join(graphTs, 'global', 'global.ts'), lib: dirname(dirname(graphTs)) };
}

/** Compiles `file` to `outFile`; throws with the compiler's output when it fails. */
export function compileTest(file, outFile) {
  const { asc, globalTs, lib } = compilerPaths();
  mkdirSync(dirname(outFile), { recursive: true });
  const args = [asc, file, globalTs, '--lib', lib, '--explicitStart', '--exportRuntime', '--runtime', 'stub',
    '--exportTable', '--debug', '--outFile', outFile];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(outFile)) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`compiling ${basename(file)} failed:\n${output || `asc exited with ${result.status}`}`);
  }
}

/** The manifest's template names (matchstick reads them from subgraph.yaml); null without a manifest. */
function templateNames(manifestFile) {
  if (!manifestFile || !existsSync(manifestFile)) return null;
  const manifest = parse(readFileSync(manifestFile, 'utf8'));
  return (manifest.templates ?? []).map((template) => template.name);
}

/**
 * Runs the tests of one compiled module.
 * @param {string} wasmFile
 * @param {{ schemaFile?: string, manifestFile?: string, log?: (line: string) => void }} [options]
 *   manifestFile defaults to subgraph.yaml beside the schema
 * @returns {Promise<{ results: { name: string, passed: boolean, message?: string }[], missing: string[], store: EntityStore, dataSources: DataSources }>}
 */
export async function runCompiledTest(wasmFile, options = {}) {
  const log = options.log ?? ((line) => console.log(line));
  const schema = options.schemaFile && existsSync(options.schemaFile) ? readSchema(options.schemaFile) : { required: new Map(), derived: new Set() };
  const manifestFile = options.manifestFile ?? (options.schemaFile && join(dirname(options.schemaFile), 'subgraph.yaml'));
  const module = await WebAssembly.compile(readFileSync(wasmFile));
  const store = new EntityStore(schema);
  const dataSources = new DataSources(templateNames(manifestFile));
  const registry = new Registry();
  const host = createImports(module, { store, registry, log, derived: schema.derived, dataSources });
  const instance = await WebAssembly.instantiate(module, host.imports);
  host.bind(instance);
  registry.call = (index) => instance.exports.table.get(index)();
  // Top-level code registers the describe blocks and tests.
  instance.exports._start();
  // The store is returned too: what the mappings saved is the state a subgraph would serve.
  return { results: registry.run(), missing: host.missing, store, dataSources };
}

/** Compiles and runs one test file. */
export async function runTestFile(file, options = {}) {
  const outDir = options.outDir ?? join(dirname(resolve(file)), '.bin');
  const wasmFile = join(outDir, `${basename(file).replace(/\.ts$/, '')}.wasm`);
  compileTest(resolve(file), wasmFile);
  return runCompiledTest(wasmFile, options);
}
