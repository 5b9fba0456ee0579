// Reads and writes AssemblyScript 0.19 objects (the compiler graph-cli ships) in a module's memory.
// Layout with `--runtime stub`: every object has a 20-byte header whose last two words are the
// class id (ptr - 8) and the payload size in bytes (ptr - 4).

/** TypeId values from graph-ts's global.ts; `id_of_type` maps them to the module's class ids. */
export const TypeId = {
  String: 0,
  ArrayBuffer: 1,
  Uint8Array: 6,
  BigDecimal: 12,
  ArrayUint8Array: 14,
  ArrayEthereumValue: 15,
  ArrayStoreValue: 16,
  ArrayString: 18,
  ArrayTypedMapEntryStringStoreValue: 21,
  EthereumValue: 30,
  StoreValue: 31,
  TypedMapEntryStringStoreValue: 34,
  TypedMapStringStoreValue: 36,
};

/** graph-ts's store ValueKind. */
export const ValueKind = {
  STRING: 0,
  INT: 1,
  BIGDECIMAL: 2,
  BOOL: 3,
  ARRAY: 4,
  NULL: 5,
  BYTES: 6,
  BIGINT: 7,
  INT8: 8,
  TIMESTAMP: 9,
};

/** graph-ts's ethereum.ValueKind. */
export const EthereumValueKind = {
  ADDRESS: 0,
  FIXED_BYTES: 1,
  BYTES: 2,
  INT: 3,
  UINT: 4,
  BOOL: 5,
  STRING: 6,
  FIXED_ARRAY: 7,
  ARRAY: 8,
  TUPLE: 9,
};

/** Little-endian two's complement (graph-ts's BigInt bytes) → bigint. */
export function bigIntFromBytes(bytes) {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if (bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/** bigint → the shortest little-endian two's complement bytes (as graph-node writes them). */
export function bigIntToBytes(value) {
  const out = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    out.push(byte);
    v >>= 8n;
    const signBitSet = (byte & 0x80) !== 0;
    if ((v === 0n && !signBitSet) || (v === -1n && signBitSet)) break;
  }
  return Buffer.from(out);
}

export class Memory {
  /** @param {WebAssembly.Instance} instance */
  constructor(instance) {
    this.exports = instance.exports;
    this.classIds = new Map();
  }

  get view() {
    return new DataView(this.exports.memory.buffer);
  }

  get bytes() {
    return new Uint8Array(this.exports.memory.buffer);
  }

  classId(typeId) {
    if (!this.classIds.has(typeId)) this.classIds.set(typeId, this.exports.id_of_type(typeId));
    return this.classIds.get(typeId);
  }

  u32(ptr) {
    return this.view.getUint32(ptr, true);
  }

  i32(ptr) {
    return this.view.getInt32(ptr, true);
  }

  i64(ptr) {
    return this.view.getBigInt64(ptr, true);
  }

  setU32(ptr, value) {
    this.view.setUint32(ptr, value, true);
  }

  /** Allocates `size` bytes for an object of class `typeId`. */
  alloc(size, typeId) {
    return this.exports.__new(size, this.classId(typeId)) >>> 0;
  }

  // ── reading

  string(ptr) {
    if (ptr === 0) return null;
    const length = this.u32(ptr - 4);
    return Buffer.from(this.exports.memory.buffer, ptr, length).toString('utf16le');
  }

  /** A Uint8Array (Bytes, Address, BigInt all extend it). */
  uint8Array(ptr) {
    if (ptr === 0) return null;
    const dataStart = this.u32(ptr + 4);
    const byteLength = this.i32(ptr + 8);
    return Buffer.from(this.bytes.slice(dataStart, dataStart + byteLength));
  }

  bigInt(ptr) {
    return bigIntFromBytes(this.uint8Array(ptr));
  }

  bigDecimal(ptr) {
    return { digits: this.bigInt(this.u32(ptr)), exp: this.bigInt(this.u32(ptr + 4)) };
  }

  /** An Array of references: the element pointers. */
  pointerArray(ptr) {
    const dataStart = this.u32(ptr + 4);
    const length = this.i32(ptr + 12);
    const items = [];
    for (let i = 0; i < length; i++) items.push(this.u32(dataStart + i * 4));
    return items;
  }

  stringArray(ptr) {
    return this.pointerArray(ptr).map((p) => this.string(p));
  }

  /** A store Value → { kind, value } with plain JS data. */
  storeValue(ptr) {
    const kind = this.i32(ptr);
    const dataPtr = Number(this.view.getBigUint64(ptr + 8, true) & 0xffffffffn);
    switch (kind) {
      case ValueKind.STRING:
        return { kind, value: this.string(dataPtr) };
      case ValueKind.INT:
        return { kind, value: this.i32(ptr + 8) };
      case ValueKind.BIGDECIMAL:
        return { kind, value: this.bigDecimal(dataPtr) };
      case ValueKind.BOOL:
        return { kind, value: this.view.getBigUint64(ptr + 8, true) !== 0n };
      case ValueKind.ARRAY:
        return { kind, value: this.pointerArray(dataPtr).map((p) => this.storeValue(p)) };
      case ValueKind.NULL:
        return { kind, value: null };
      case ValueKind.BYTES:
        return { kind, value: this.uint8Array(dataPtr) };
      case ValueKind.BIGINT:
        return { kind, value: this.bigInt(dataPtr) };
      case ValueKind.INT8:
      case ValueKind.TIMESTAMP:
        return { kind, value: this.i64(ptr + 8) };
      default:
        throw new Error(`unknown store value kind ${kind}`);
    }
  }

  /** An Entity (TypedMap<string, Value>) → Map of field → { kind, value }. */
  entity(ptr) {
    const fields = new Map();
    for (const entry of this.pointerArray(this.u32(ptr))) {
      fields.set(this.string(this.u32(entry)), this.storeValue(this.u32(entry + 4)));
    }
    return fields;
  }

  /** An ethereum.Value → plain JSON-comparable data tagged with its kind. */
  ethereumValue(ptr) {
    const kind = this.i32(ptr);
    const dataPtr = Number(this.view.getBigUint64(ptr + 8, true) & 0xffffffffn);
    switch (kind) {
      case EthereumValueKind.ADDRESS:
      case EthereumValueKind.FIXED_BYTES:
      case EthereumValueKind.BYTES:
        return { kind, value: `0x${this.uint8Array(dataPtr).toString('hex')}` };
      case EthereumValueKind.INT:
      case EthereumValueKind.UINT:
        return { kind, value: this.bigInt(dataPtr).toString() };
      case EthereumValueKind.BOOL:
        return { kind, value: this.view.getBigUint64(ptr + 8, true) !== 0n };
      case EthereumValueKind.STRING:
        return { kind, value: this.string(dataPtr) };
      case EthereumValueKind.FIXED_ARRAY:
      case EthereumValueKind.ARRAY:
      case EthereumValueKind.TUPLE:
        return { kind, value: this.pointerArray(dataPtr).map((p) => this.ethereumValue(p)) };
      default:
        throw new Error(`unknown ethereum value kind ${kind}`);
    }
  }

  // ── writing (every allocation may grow memory, so views are taken afresh)

  newString(text) {
    const data = Buffer.from(text, 'utf16le');
    const ptr = this.alloc(data.length, TypeId.String);
    this.bytes.set(data, ptr);
    return ptr;
  }

  newUint8Array(data) {
    const buffer = this.alloc(data.length, TypeId.ArrayBuffer);
    this.bytes.set(data, buffer);
    const ptr = this.alloc(12, TypeId.Uint8Array);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, data.length);
    return ptr;
  }

  newBigInt(value) {
    return this.newUint8Array(bigIntToBytes(value));
  }

  newBigDecimal({ digits, exp }) {
    const digitsPtr = this.newBigInt(digits);
    const expPtr = this.newBigInt(exp);
    const ptr = this.alloc(8, TypeId.BigDecimal);
    this.setU32(ptr, digitsPtr);
    this.setU32(ptr + 4, expPtr);
    return ptr;
  }

  newPointerArray(pointers, arrayTypeId) {
    const buffer = this.alloc(pointers.length * 4, TypeId.ArrayBuffer);
    pointers.forEach((p, i) => this.setU32(buffer + i * 4, p));
    const ptr = this.alloc(16, arrayTypeId);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, pointers.length * 4);
    this.setU32(ptr + 12, pointers.length);
    return ptr;
  }

  newStoreValue({ kind, value }) {
    let payload = 0n;
    switch (kind) {
      case ValueKind.STRING:
        payload = BigInt(this.newString(value));
        break;
      case ValueKind.INT:
        payload = BigInt.asUintN(64, BigInt(value));
        break;
      case ValueKind.BIGDECIMAL:
        payload = BigInt(this.newBigDecimal(value));
        break;
      case ValueKind.BOOL:
        payload = value ? 1n : 0n;
        break;
      case ValueKind.ARRAY:
        payload = BigInt(this.newPointerArray(value.map((v) => this.newStoreValue(v)), TypeId.ArrayStoreValue));
        break;
      case ValueKind.NULL:
        break;
      case ValueKind.BYTES:
        payload = BigInt(this.newUint8Array(value));
        break;
      case ValueKind.BIGINT:
        payload = BigInt(this.newBigInt(value));
        break;
      case ValueKind.INT8:
      case ValueKind.TIMESTAMP:
        payload = BigInt.asUintN(64, value);
        break;
      default:
        throw new Error(`unknown store value kind ${kind}`);
    }
    const ptr = this.alloc(16, TypeId.StoreValue);
    this.view.setInt32(ptr, kind, true);
    this.view.setBigUint64(ptr + 8, payload, true);
    return ptr;
  }

  newEntity(fields) {
    const entries = [];
    for (const [name, value] of fields) {
      const keyPtr = this.newString(name);
      const valuePtr = this.newStoreValue(value);
      const entry = this.alloc(8, TypeId.TypedMapEntryStringStoreValue);
      this.setU32(entry, keyPtr);
      this.setU32(entry + 4, valuePtr);
      entries.push(entry);
    }
    const entriesPtr = this.newPointerArray(entries, TypeId.ArrayTypedMapEntryStringStoreValue);
    const ptr = this.alloc(4, TypeId.TypedMapStringStoreValue);
    this.setU32(ptr, entriesPtr);
    return ptr;
  }
}
