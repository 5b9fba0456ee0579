import { getAddress, type Hex, isAddress } from 'viem';
import { InvalidPayRequestError } from './errors.js';

/** One declared field of an EIP-712 struct type. */
export type TypedDataField = { name: string; type: string };

/** The declared struct types, `EIP712Domain` included. */
export type TypedDataTypes = Record<string, TypedDataField[]>;

/**
 * Typed data that passed every check: each declared struct is well formed and acyclic, every value fits its
 * declared type, and values carry only declared fields. Integers are bigints, addresses checksummed, bytes
 * lower-case hex; none of this changes the EIP-712 hash.
 */
export type ValidTypedData = {
  types: TypedDataTypes;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
};

/** Typed data larger than this (as JSON) is refused: real permits and orders are a few KB. */
export const MAX_TYPED_DATA_BYTES = 256 * 1024;
/** Structs and arrays nested deeper than this are refused (a Seaport bulk order tree is about 10 deep). */
export const MAX_TYPED_DATA_DEPTH = 32;
/** More declared struct types than this are refused. */
const MAX_STRUCT_TYPES = 64;
/** More fields in one struct than this are refused. */
const MAX_FIELDS = 64;
/**
 * Declared types whose full expansion (every field of every nested struct, each time it is reached) has more
 * fields than this are refused. Real standards are far below it (a Seaport order expands to about 30 fields),
 * while a graph of small structs that each name the next one twice expands to 2^depth fields: every wallet and
 * library that walks such types pays for each path, so the wallet refuses them before anything walks them.
 */
export const MAX_EXPANDED_FIELDS = 4096;

/** The fields `EIP712Domain` may declare, and their types (EIP-712). */
export const DOMAIN_FIELD_TYPES: Readonly<Record<string, string>> = {
  name: 'string',
  version: 'string',
  chainId: 'uint256',
  verifyingContract: 'address',
  salt: 'bytes32',
};

// `__proto__` would reach an object's prototype when copied: no real type or field is named so.
const IDENTIFIER = /^(?!__proto__$)[A-Za-z_$][A-Za-z0-9_$]*$/;
const INTEGER_TYPE = /^(u?)int([0-9]{1,3})?$/;
const FIXED_BYTES_TYPE = /^bytes([0-9]{1,2})$/;
const ARRAY_SUFFIX = /^(.*)\[([0-9]*)\]$/;

/**
 * Reads `eth_signTypedData_v4` data (an object, or the JSON text the method carries) and checks it against
 * its own declared types. Throws an {@link InvalidPayRequestError} naming the first problem.
 */
export function parseTypedData(input: unknown): ValidTypedData {
  const raw = readJson(input);
  const { types, primaryType, domain, message } = raw;
  if (!isRecord(types)) fail('it has no "types" object');
  if (typeof primaryType !== 'string' || primaryType === '') fail('it has no "primaryType"');
  if (!isRecord(domain)) fail('it has no "domain" object');
  if (!isRecord(message)) fail('it has no "message" object');

  const declared = readTypes(types);
  if (!declares(declared, 'EIP712Domain'))
    fail(
      'it does not declare its "EIP712Domain" type, so it is not clear which chain and contract it is for',
      'Wallets disagree on how to hash typed data without "EIP712Domain": declare it in "types".',
    );
  for (const field of declared.EIP712Domain ?? []) {
    const expected = DOMAIN_FIELD_TYPES[field.name];
    if (expected === undefined) fail(`"EIP712Domain" declares "${field.name}", which is not an EIP-712 domain field`);
    if (field.type !== expected) fail(`"EIP712Domain.${field.name}" must be of type ${expected} (got ${field.type})`);
  }
  if (primaryType === 'EIP712Domain') fail('its "primaryType" is EIP712Domain: there is no message to sign');
  if (!declares(declared, primaryType)) fail(`its "primaryType" ${quote(primaryType)} is not declared in "types"`);
  checkAcyclic(declared);
  checkExpandedSize(declared);

  const budget = { nodes: 0 };
  return {
    types: declared,
    primaryType,
    domain: readStruct(declared, 'EIP712Domain', domain, 'domain', 0, budget),
    message: readStruct(declared, primaryType, message, 'message', 0, budget),
  };
}

function readJson(input: unknown): Record<string, unknown> {
  let value = input;
  if (typeof value === 'string') {
    if (value.length > MAX_TYPED_DATA_BYTES) fail(`it is larger than ${MAX_TYPED_DATA_BYTES / 1024} KB`);
    try {
      value = JSON.parse(value);
    } catch (cause) {
      fail('it is not valid JSON', undefined, cause);
    }
  } else {
    let size = 0;
    try {
      size = JSON.stringify(value)?.length ?? 0;
    } catch (cause) {
      fail('it cannot be written as JSON', undefined, cause);
    }
    if (size > MAX_TYPED_DATA_BYTES) fail(`it is larger than ${MAX_TYPED_DATA_BYTES / 1024} KB`);
  }
  if (!isRecord(value)) fail('the typed data must be an object');
  return value;
}

function readTypes(types: Record<string, unknown>): TypedDataTypes {
  const names = Object.keys(types);
  if (names.length > MAX_STRUCT_TYPES) fail(`it declares more than ${MAX_STRUCT_TYPES} types`);
  const declared: TypedDataTypes = {};
  for (const name of names) {
    if (!IDENTIFIER.test(name)) fail(`the type name ${quote(name)} is not a valid name`);
    if (isAtomicType(name)) fail(`the type name "${name}" is a built-in type`);
    const fields = types[name];
    if (!Array.isArray(fields)) fail(`"types.${name}" must be a list of fields`);
    if (fields.length > MAX_FIELDS) fail(`"types.${name}" has more than ${MAX_FIELDS} fields`);
    const seen = new Set<string>();
    declared[name] = fields.map((field, index) => {
      if (!isRecord(field) || typeof field.name !== 'string' || typeof field.type !== 'string')
        fail(`field ${index + 1} of "types.${name}" must be { name, type }`);
      if (!IDENTIFIER.test(field.name)) fail(`the field name ${quote(field.name)} in "types.${name}" is not a valid name`);
      if (seen.has(field.name)) fail(`"types.${name}" declares "${field.name}" twice`);
      seen.add(field.name);
      return { name: field.name, type: field.type };
    });
  }
  for (const [name, fields] of Object.entries(declared))
    for (const field of fields) {
      const base = baseType(field.type, `"types.${name}.${field.name}"`);
      if (!isAtomicType(base) && !declares(declared, base))
        fail(`"types.${name}.${field.name}" has the type ${quote(field.type)}, which is neither built in nor declared`);
      if (base === 'EIP712Domain') fail(`"types.${name}.${field.name}" refers to EIP712Domain`);
    }
  return declared;
}

/** Refuses struct types that refer to themselves (directly or through others): their hash would never end. */
function checkAcyclic(types: TypedDataTypes): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') fail(`its types refer to themselves (${[...path, name].join(' → ')})`);
    state.set(name, 'visiting');
    for (const field of types[name] ?? []) {
      const base = baseType(field.type, field.name);
      if (declares(types, base)) visit(base, [...path, name]);
    }
    state.set(name, 'done');
  };
  for (const name of Object.keys(types)) visit(name, []);
}

/**
 * Refuses types whose full expansion exceeds {@link MAX_EXPANDED_FIELDS}. Each struct's expanded size is counted
 * once and remembered, so the check itself is linear in the declared fields (types are acyclic by now).
 */
function checkExpandedSize(types: TypedDataTypes): void {
  const sizes = new Map<string, number>();
  const sizeOf = (name: string): number => {
    const known = sizes.get(name);
    if (known !== undefined) return known;
    let size = 0;
    for (const field of types[name] ?? []) {
      const base = baseType(field.type, field.name);
      size += 1 + (declares(types, base) ? sizeOf(base) : 0);
      // Capped, so the sum of a huge graph stays an exact small number.
      if (size > MAX_EXPANDED_FIELDS) break;
    }
    sizes.set(name, Math.min(size, MAX_EXPANDED_FIELDS + 1));
    return size;
  };
  for (const name of Object.keys(types))
    if (sizeOf(name) > MAX_EXPANDED_FIELDS)
      fail(
        `its type ${quote(name)} expands to more than ${MAX_EXPANDED_FIELDS} fields`,
        'Its structs refer to each other so often that reading them would take too long. Real permits and orders are far smaller.',
      );
}

/**
 * Whether `name` is a struct type that `types` itself declares: an own property, never one inherited from
 * `Object.prototype` (`toString` or `constructor` as a type name are undeclared names, not functions).
 */
export function declares(types: TypedDataTypes, name: string): boolean {
  return Object.hasOwn(types, name);
}

/** `Foo[2][]` → `Foo`; throws for a malformed array suffix. */
export function baseType(type: string, where: string): string {
  let base = type;
  for (let match = ARRAY_SUFFIX.exec(base); match; match = ARRAY_SUFFIX.exec(base)) {
    const size = match[2] ?? '';
    if (size !== '' && (!/^[1-9][0-9]{0,5}$/.test(size))) fail(`${where} has a malformed array size in ${quote(type)}`);
    base = match[1] ?? '';
  }
  if (!IDENTIFIER.test(base)) fail(`${where} has a malformed type ${quote(type)}`);
  return base;
}

/** The EIP-712 atomic and dynamic types (`function` is not one of them). */
export function isAtomicType(type: string): boolean {
  if (type === 'address' || type === 'bool' || type === 'string' || type === 'bytes') return true;
  const integer = INTEGER_TYPE.exec(type);
  if (integer) {
    if (integer[2] === undefined) return false; // bare `uint`/`int` is not an EIP-712 type
    const bits = Number(integer[2]);
    return bits >= 8 && bits <= 256 && bits % 8 === 0 && String(bits) === integer[2];
  }
  const bytes = FIXED_BYTES_TYPE.exec(type);
  if (bytes) {
    const size = Number(bytes[1]);
    return size >= 1 && size <= 32 && String(size) === bytes[1];
  }
  return false;
}

type Budget = { nodes: number };
/** More values than this in one message are refused (each becomes a line in the window). */
const MAX_VALUES = 20_000;

function readStruct(
  types: TypedDataTypes,
  typeName: string,
  value: unknown,
  path: string,
  depth: number,
  budget: Budget,
): Record<string, unknown> {
  if (depth > MAX_TYPED_DATA_DEPTH) fail(`"${path}" is nested more than ${MAX_TYPED_DATA_DEPTH} levels deep`);
  if (!isRecord(value)) fail(`"${path}" must be an object of type ${typeName}`);
  const result: Record<string, unknown> = {};
  for (const field of types[typeName] ?? []) {
    const fieldPath = `${path}.${field.name}`;
    if (!Object.hasOwn(value, field.name) || value[field.name] === undefined)
      fail(`"${fieldPath}" is declared (${field.type}) but has no value`);
    result[field.name] = readValue(types, field.type, value[field.name], fieldPath, depth + 1, budget);
  }
  return result;
}

function readValue(types: TypedDataTypes, type: string, value: unknown, path: string, depth: number, budget: Budget): unknown {
  budget.nodes += 1;
  if (budget.nodes > MAX_VALUES) fail(`it holds more than ${MAX_VALUES} values`);
  if (depth > MAX_TYPED_DATA_DEPTH) fail(`"${path}" is nested more than ${MAX_TYPED_DATA_DEPTH} levels deep`);
  const array = ARRAY_SUFFIX.exec(type);
  if (array) {
    const [, inner = '', size = ''] = array;
    if (!Array.isArray(value)) fail(`"${path}" must be a list (${type})`);
    if (size !== '' && value.length !== Number(size)) fail(`"${path}" must hold exactly ${size} entries (got ${value.length})`);
    return value.map((entry, index) => readValue(types, inner, entry, `${path}[${index}]`, depth + 1, budget));
  }
  if (declares(types, type)) return readStruct(types, type, value, path, depth, budget);
  return readAtomic(type, value, path);
}

/** Checks one atomic value against its type; see the EIP-712 encoding rules. */
export function readAtomic(type: string, value: unknown, path: string): unknown {
  if (type === 'address') {
    if (typeof value !== 'string' || !isAddress(value, { strict: true }))
      fail(`"${path}" is not a valid address (${short(value)})`, 'An address is 0x followed by 40 hex characters; mixed case must match its checksum.');
    return getAddress(value);
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') fail(`"${path}" must be true or false (got ${short(value)})`);
    return value;
  }
  if (type === 'string') {
    if (typeof value !== 'string') fail(`"${path}" must be text (got ${short(value)})`);
    return value;
  }
  if (type === 'bytes') {
    // MetaMask hashes non-hex text as UTF-8 and viem refuses it: accept only hex, so both agree.
    if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) fail(`"${path}" must be hex bytes (got ${short(value)})`);
    return value.toLowerCase() as Hex;
  }
  const bytes = FIXED_BYTES_TYPE.exec(type);
  if (bytes) {
    const size = Number(bytes[1]);
    if (typeof value !== 'string' || !new RegExp(`^0x[0-9a-fA-F]{${size * 2}}$`).test(value))
      fail(`"${path}" must be exactly ${size} bytes of hex (got ${short(value)})`);
    return value.toLowerCase() as Hex;
  }
  const integer = INTEGER_TYPE.exec(type);
  if (integer) return readInteger(value, path, integer[1] === 'u', Number(integer[2]));
  return fail(`"${path}" has the unsupported type ${quote(type)}`);
}

function readInteger(value: unknown, path: string, unsigned: boolean, bits: number): bigint {
  const range = unsigned ? `0 and 2^${bits}-1` : `-2^${bits - 1} and 2^${bits - 1}-1`;
  let result: bigint | undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) result = BigInt(value);
  else if (typeof value === 'string' && /^(-?[0-9]{1,78}|0x[0-9a-fA-F]{1,64})$/.test(value)) result = BigInt(value);
  if (result === undefined) fail(`"${path}" must be a whole number between ${range} (got ${short(value)})`);
  const min = unsigned ? 0n : -(2n ** BigInt(bits - 1));
  const max = unsigned ? 2n ** BigInt(bits) - 1n : 2n ** BigInt(bits - 1) - 1n;
  if ((result as bigint) < min || (result as bigint) > max) fail(`"${path}" must be a whole number between ${range} (got ${short(value)})`);
  return result as bigint;
}

/** Throws the {@link InvalidPayRequestError} for typed data, naming what is wrong. */
export function fail(reason: string, details?: string, cause?: unknown): never {
  throw new InvalidPayRequestError({ reason: `the typed data cannot be signed: ${reason}`, details, cause });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function short(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
