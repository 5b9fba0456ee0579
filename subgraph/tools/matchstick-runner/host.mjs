// The host functions a compiled matchstick-as test imports, provided in Node: an in-memory entity
// store, graph-ts's number and conversion helpers, logging, and matchstick's registration and
// assertion hooks. Behaviour follows graph-node and matchstick where a test can observe it.
import { keccak_256 } from '@noble/hashes/sha3';
import * as decimal from './bigdecimal.mjs';
import { Memory, ValueKind } from './memory.mjs';

/** A failed host call (assertion message, abort, critical log) that should fail the running test. */
export class HostError extends Error {}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58(bytes) {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** How matchstick prints a stored value when it compares it with assert.fieldEquals. */
export function formatStoreValue({ kind, value }) {
  switch (kind) {
    case ValueKind.STRING:
      return value;
    case ValueKind.INT:
    case ValueKind.BIGINT:
    case ValueKind.INT8:
    case ValueKind.TIMESTAMP:
      return value.toString();
    case ValueKind.BIGDECIMAL:
      return decimal.toString(value);
    case ValueKind.BOOL:
      return value ? 'true' : 'false';
    case ValueKind.ARRAY:
      return `[${value.map(formatStoreValue).join(', ')}]`;
    case ValueKind.NULL:
      return 'null';
    case ValueKind.BYTES:
      return `0x${value.toString('hex')}`;
    default:
      return String(value);
  }
}

/** An in-memory entity store: entity type → id → Map of field → { kind, value }. */
export class EntityStore {
  /** @param {{ required?: Map<string, string[]> }} [schema] required fields per entity type */
  constructor(schema = {}) {
    this.types = new Map();
    this.inBlock = new Set();
    this.required = schema.required ?? new Map();
  }

  table(type) {
    if (!this.types.has(type)) this.types.set(type, new Map());
    return this.types.get(type);
  }

  get(type, id) {
    return this.types.get(type)?.get(id) ?? null;
  }

  set(type, id, fields) {
    // matchstick checks the saved data itself for every non-nullable field, then stores it as the
    // entity's new state (generated entity classes always save every field they loaded).
    for (const name of this.required.get(type) ?? []) {
      const value = fields.get(name);
      if (value === undefined || value.kind === ValueKind.NULL) {
        throw new HostError(`${type}(${id}) was saved without a value for its non-nullable field '${name}'`);
      }
    }
    this.table(type).set(id, new Map(fields));
    this.inBlock.add(`${type}\u0000${id}`);
  }

  remove(type, id) {
    if (!this.types.get(type)?.has(id)) throw new HostError(`store.remove: no ${type} entity with id '${id}'`);
    this.types.get(type).delete(id);
    this.inBlock.delete(`${type}\u0000${id}`);
  }

  getInBlock(type, id) {
    return this.inBlock.has(`${type}\u0000${id}`) ? this.get(type, id) : null;
  }

  count(type) {
    return this.types.get(type)?.size ?? 0;
  }

  clear() {
    this.types.clear();
    this.inBlock.clear();
  }

  clearInBlock() {
    this.inBlock.clear();
  }

  /** Plain JSON of the whole store, for logStore. */
  toJSON() {
    const out = {};
    for (const [type, rows] of this.types) {
      out[type] = {};
      for (const [id, fields] of rows) {
        out[type][id] = Object.fromEntries([...fields].map(([k, v]) => [k, formatStoreValue(v)]));
      }
    }
    return out;
  }
}

/**
 * The data sources handlers started from templates (`dataSource.create` / `createWithContext`), as
 * matchstick keeps them: per template, one per address (creating it again replaces it), kept across
 * `clearStore()`. Template names are checked against the manifest's templates when one is known.
 */
export class DataSources {
  /** @param {string[] | null} [templates] the manifest's template names; null accepts any name */
  constructor(templates = null) {
    this.templates = templates;
    /** @type {Map<string, Map<string, { address: string, context: Map<string, any> | null }>>} */
    this.created = new Map();
  }

  #known(template) {
    if (this.templates && !this.templates.includes(template)) {
      throw new HostError(`no template named '${template}' in the manifest; its templates are: ${this.templates.join(', ') || 'none'}`);
    }
  }

  create(template, params, context) {
    this.#known(template);
    if (!this.created.has(template)) this.created.set(template, new Map());
    this.created.get(template).set(params[0], { address: params[0], context });
  }

  count(template) {
    this.#known(template);
    return this.created.get(template)?.size ?? 0;
  }

  get(template, address) {
    this.#known(template);
    return this.created.get(template)?.get(address) ?? null;
  }

  /** Plain JSON, for logDataSources and for callers of the runner. */
  toJSON() {
    const out = {};
    for (const [template, byAddress] of this.created) {
      out[template] = [...byAddress.values()].map(({ address, context }) => ({
        address,
        context: context && Object.fromEntries([...context].map(([k, v]) => [k, formatStoreValue(v)])),
      }));
    }
    return out;
  }
}

/**
 * Builds the import object for one compiled test module. Host functions this runner does not
 * provide (ipfs, ethereum.call/encode/decode, store.loadRelated…) become functions that fail the
 * test that reaches them with a clear message.
 * @param {WebAssembly.Module} module
 * @param {{ store: EntityStore, registry: import('./registry.mjs').Registry, log: (line: string) => void,
 *           derived?: Set<string>, dataSources?: DataSources }} context
 */
export function createImports(module, context) {
  const { store, registry, log } = context;
  const dataSources = context.dataSources ?? new DataSources();
  /** @type {Memory} */
  let memory;
  const state = { dataSource: { address: '0x0000000000000000000000000000000000000000', network: 'mainnet', context: new Map() } };

  const bigIntBinary = (fn) => (x, y) => memory.newBigInt(fn(memory.bigInt(x), memory.bigInt(y)));
  const decimalBinary = (fn) => (x, y) => memory.newBigDecimal(fn(memory.bigDecimal(x), memory.bigDecimal(y)));
  const fail = (message) => {
    registry.recordFailure(message);
    return false;
  };

  const fieldEquals = (typePtr, idPtr, fieldPtr, expectedPtr, messagePtr) => {
    const type = memory.string(typePtr);
    const id = memory.string(idPtr);
    const field = memory.string(fieldPtr);
    const expected = memory.string(expectedPtr);
    const prefix = messagePtr ? `${memory.string(messagePtr)}: ` : '';
    const entity = store.get(type, id);
    if (entity === null) return fail(`${prefix}assert.fieldEquals: no ${type} entity with id '${id}'`);
    if (field === 'id' && !entity.has('id')) return expected === id || fail(`${prefix}${type}(${id}).id is '${id}', expected '${expected}'`);
    const value = entity.get(field);
    if (value === undefined) {
      if (context.derived?.has(`${type}.${field}`)) {
        return fail(`${prefix}${type}.${field} is a derived field; assert on the entities that point to it instead`);
      }
      return fail(`${prefix}${type}(${id}) has no field '${field}' (expected '${expected}')`);
    }
    const actual = formatStoreValue(value);
    return actual === expected || fail(`${prefix}${type}(${id}).${field} is '${actual}', expected '${expected}'`);
  };

  const equals = (expectedPtr, actualPtr, messagePtr) => {
    const expected = JSON.stringify(memory.ethereumValue(expectedPtr));
    const actual = JSON.stringify(memory.ethereumValue(actualPtr));
    const prefix = messagePtr ? `${memory.string(messagePtr)}: ` : '';
    return expected === actual || fail(`${prefix}expected ${expected}, got ${actual}`);
  };

  const dataSourceCount = (templatePtr, expected, messagePtr) => {
    const template = memory.string(templatePtr);
    const prefix = messagePtr ? `${memory.string(messagePtr)}: ` : '';
    const actual = dataSources.count(template);
    return actual === expected || fail(`${prefix}${actual} data sources from template '${template}', expected ${expected}`);
  };

  const dataSourceExists = (templatePtr, addressPtr, messagePtr) => {
    const template = memory.string(templatePtr);
    const address = memory.string(addressPtr);
    const prefix = messagePtr ? `${memory.string(messagePtr)}: ` : '';
    return dataSources.get(template, address) !== null || fail(`${prefix}no data source from template '${template}' for address '${address}'`);
  };

  const notInStore = (typePtr, idPtr, messagePtr) => {
    const type = memory.string(typePtr);
    const id = memory.string(idPtr);
    const prefix = messagePtr ? `${memory.string(messagePtr)}: ` : '';
    return store.get(type, id) === null || fail(`${prefix}${type}(${id}) is in the store, expected it not to be`);
  };

  const implemented = {
    env: {
      abort(messagePtr, filePtr, line, column) {
        const message = memory.string(messagePtr) ?? 'abort';
        const file = memory.string(filePtr);
        throw new HostError(file ? `${message} (${file}:${line}:${column})` : message);
      },
    },
    index: {
      'store.get': (typePtr, idPtr) => {
        const entity = store.get(memory.string(typePtr), memory.string(idPtr));
        return entity === null ? 0 : memory.newEntity(entity);
      },
      'store.get_in_block': (typePtr, idPtr) => {
        const entity = store.getInBlock(memory.string(typePtr), memory.string(idPtr));
        return entity === null ? 0 : memory.newEntity(entity);
      },
      'store.set': (typePtr, idPtr, dataPtr) => {
        store.set(memory.string(typePtr), memory.string(idPtr), memory.entity(dataPtr));
      },
      'store.remove': (typePtr, idPtr) => {
        store.remove(memory.string(typePtr), memory.string(idPtr));
      },
      'crypto.keccak256': (ptr) => memory.newUint8Array(Buffer.from(keccak_256(memory.uint8Array(ptr)))),
      'log.log': (level, messagePtr) => {
        const labels = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG', 'SUCCESS'];
        const message = memory.string(messagePtr);
        log(`    [${labels[level] ?? level}] ${message}`);
        // graph-node stops the handler on a critical log; so does matchstick's test.
        if (level === 0) throw new HostError(`log.critical: ${message}`);
      },
      _registerTest: (namePtr, shouldFail, funcIdx) => registry.addTest(memory.string(namePtr), shouldFail !== 0, funcIdx),
      _registerDescribe: (namePtr, funcIdx) => registry.addDescribe(memory.string(namePtr), funcIdx),
      _registerHook: (funcIdx, typePtr) => registry.addHook(memory.string(typePtr), funcIdx),
      clearStore: () => store.clear(),
      clearInBlockStore: () => store.clearInBlock(),
      logStore: () => log(JSON.stringify(store.toJSON(), null, 2)),
      logEntity: (typePtr, idPtr) => {
        const entity = store.get(memory.string(typePtr), memory.string(idPtr));
        log(entity ? JSON.stringify(Object.fromEntries([...entity].map(([k, v]) => [k, formatStoreValue(v)])), null, 2) : 'null');
      },
      countEntities: (typePtr) => store.count(memory.string(typePtr)),
      mockInBlockStore: (typePtr, idPtr, dataPtr) => {
        store.set(memory.string(typePtr), memory.string(idPtr), memory.entity(dataPtr));
      },
      'dataSourceMock.setReturnValues': (addressPtr, networkPtr, contextPtr) => {
        state.dataSource = { address: memory.string(addressPtr), network: memory.string(networkPtr), context: contextPtr ? memory.entity(contextPtr) : new Map() };
      },
      'dataSource.address': () => memory.newUint8Array(Buffer.from(state.dataSource.address.slice(2), 'hex')),
      'dataSource.network': () => memory.newString(state.dataSource.network),
      'dataSource.context': () => memory.newEntity(state.dataSource.context),
      'dataSource.create': (namePtr, paramsPtr) => dataSources.create(memory.string(namePtr), memory.stringArray(paramsPtr), null),
      'dataSource.createWithContext': (namePtr, paramsPtr, contextPtr) =>
        dataSources.create(memory.string(namePtr), memory.stringArray(paramsPtr), memory.entity(contextPtr)),
      logDataSources: (templatePtr) => {
        const template = memory.string(templatePtr);
        dataSources.count(template);
        log(JSON.stringify(dataSources.toJSON()[template] ?? [], null, 2));
      },
      // Not matchstick's: lets a replay of a real chain hand an event to the data source a handler
      // started for its contract (address and context as created), and fails if none was started.
      _replayIn: (templatePtr, addressPtr) => {
        const template = memory.string(templatePtr);
        const address = memory.string(addressPtr);
        const created = dataSources.get(template, address);
        if (created === null) throw new HostError(`no ${template} data source was started for ${address}, so graph-node would not index its events`);
        state.dataSource = { address, network: state.dataSource.network, context: created.context ?? new Map() };
      },
    },
    store: {
      countEntities: (typePtr) => store.count(memory.string(typePtr)),
      clearStore: () => store.clear(),
    },
    numbers: {
      'bigInt.plus': bigIntBinary((x, y) => x + y),
      'bigInt.minus': bigIntBinary((x, y) => x - y),
      'bigInt.times': bigIntBinary((x, y) => x * y),
      'bigInt.dividedBy': bigIntBinary((x, y) => {
        if (y === 0n) throw new HostError('BigInt division by zero');
        return x / y; // truncates toward zero, like graph-node
      }),
      'bigInt.mod': bigIntBinary((x, y) => {
        if (y === 0n) throw new HostError('BigInt modulo by zero');
        return x % y;
      }),
      'bigInt.pow': (x, exp) => memory.newBigInt(memory.bigInt(x) ** BigInt(exp)),
      'bigInt.fromString': (ptr) => {
        const text = memory.string(ptr);
        if (!/^-?\d+$/.test(text)) throw new HostError(`BigInt.fromString: "${text}" is not an integer`);
        return memory.newBigInt(BigInt(text));
      },
      'bigInt.bitOr': bigIntBinary((x, y) => x | y),
      'bigInt.bitAnd': bigIntBinary((x, y) => x & y),
      'bigInt.leftShift': (x, bits) => memory.newBigInt(memory.bigInt(x) << BigInt(bits)),
      'bigInt.rightShift': (x, bits) => memory.newBigInt(memory.bigInt(x) >> BigInt(bits)),
      'bigInt.dividedByDecimal': (x, y) =>
        memory.newBigDecimal(decimal.dividedBy({ digits: memory.bigInt(x), exp: 0n }, memory.bigDecimal(y))),
      'bigDecimal.plus': decimalBinary(decimal.plus),
      'bigDecimal.minus': decimalBinary(decimal.minus),
      'bigDecimal.times': decimalBinary(decimal.times),
      'bigDecimal.dividedBy': decimalBinary(decimal.dividedBy),
      'bigDecimal.equals': (x, y) => (decimal.equals(memory.bigDecimal(x), memory.bigDecimal(y)) ? 1 : 0),
      'bigDecimal.toString': (ptr) => memory.newString(decimal.toString(memory.bigDecimal(ptr))),
      'bigDecimal.fromString': (ptr) => memory.newBigDecimal(decimal.fromString(memory.string(ptr))),
    },
    conversion: {
      'typeConversion.bytesToString': (ptr) => memory.newString(memory.uint8Array(ptr).toString('utf8').replace(/\u0000/g, '')),
      'typeConversion.bytesToHex': (ptr) => memory.newString(`0x${memory.uint8Array(ptr).toString('hex')}`),
      'typeConversion.bigIntToString': (ptr) => memory.newString(memory.bigInt(ptr).toString()),
      'typeConversion.bigIntToHex': (ptr) => {
        const value = memory.bigInt(ptr);
        return memory.newString(value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`);
      },
      'typeConversion.stringToH160': (ptr) => {
        const text = memory.string(ptr);
        const hex = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
        if (!/^[0-9a-fA-F]{40}$/.test(hex)) throw new HostError(`Address.fromString: "${text}" is not a 20-byte hex address`);
        return memory.newUint8Array(Buffer.from(hex, 'hex'));
      },
      'typeConversion.bytesToBase58': (ptr) => memory.newString(base58(memory.uint8Array(ptr))),
    },
    assert: {
      '_assert.fieldEquals': (t, i, f, e) => (fieldEquals(t, i, f, e, 0) ? 1 : 0),
      '_assert.fieldEqualsWithMessage': (t, i, f, e, m) => (fieldEquals(t, i, f, e, m) ? 1 : 0),
      '_assert.equals': (e, a) => (equals(e, a, 0) ? 1 : 0),
      '_assert.equalsWithMessage': (e, a, m) => (equals(e, a, m) ? 1 : 0),
      '_assert.dataSourceCount': (t, n) => (dataSourceCount(t, n, 0) ? 1 : 0),
      '_assert.dataSourceCountWithMessage': (t, n, m) => (dataSourceCount(t, n, m) ? 1 : 0),
      '_assert.dataSourceExists': (t, a) => (dataSourceExists(t, a, 0) ? 1 : 0),
      '_assert.dataSourceExistsWithMessage': (t, a, m) => (dataSourceExists(t, a, m) ? 1 : 0),
      '_assert.notInStore': (t, i) => (notInStore(t, i, 0) ? 1 : 0),
      '_assert.notInStoreWithMessage': (t, i, m) => (notInStore(t, i, m) ? 1 : 0),
    },
  };

  const imports = {};
  const missing = [];
  for (const { module: moduleName, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') continue;
    imports[moduleName] ??= {};
    const fn = implemented[moduleName]?.[name] ?? implemented.index[name];
    if (fn) imports[moduleName][name] = fn;
    else {
      missing.push(`${moduleName}.${name}`);
      // Instantiation must succeed; a test that reaches an unsupported host function fails clearly.
      imports[moduleName][name] = () => {
        throw new HostError(`host function ${moduleName}.${name} is not provided by this runner (use \`graph test\` for it)`);
      };
    }
  }

  return {
    imports,
    missing,
    /** Called once the instance exists: memory access needs its exports. */
    bind(instance) {
      memory = new Memory(instance);
      return memory;
    },
  };
}
