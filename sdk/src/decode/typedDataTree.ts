import { declares, type TypedDataTypes } from './typedDataSchema.js';

/** One node of the readable tree of a typed-data message (or of its domain). */
export type TypedDataNode = {
  /** The field name, or `[i]` for an array entry. */
  name: string;
  /** The declared type (`address`, `uint256`, `PermitDetails`, `OfferItem[]`). */
  type: string;
  /** The value as text, for atomic fields (integers in decimal, addresses checksummed, bytes in hex). */
  value?: string;
  /** The fields of a struct or the entries of an array. */
  children?: TypedDataNode[];
};

/**
 * The readable tree of a struct that `parseTypedData` checked: every declared field in declared order, nested
 * structs and arrays as children, so a window can show all of it.
 */
export function typedDataTree(types: TypedDataTypes, typeName: string, value: Record<string, unknown>): TypedDataNode[] {
  return (types[typeName] ?? []).map((field) => nodeOf(types, field.name, field.type, value[field.name]));
}

function nodeOf(types: TypedDataTypes, name: string, type: string, value: unknown): TypedDataNode {
  const array = /^(.*)\[[0-9]*\]$/.exec(type);
  if (array && Array.isArray(value)) {
    const inner = array[1] ?? '';
    return { name, type, children: value.map((entry, index) => nodeOf(types, `[${index}]`, inner, entry)) };
  }
  if (declares(types, type)) return { name, type, children: typedDataTree(types, type, value as Record<string, unknown>) };
  return { name, type, value: atomicText(value) };
}

function atomicText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
