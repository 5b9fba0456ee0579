import { baseType, type TypedDataTypes } from './typedDataSchema.js';

/**
 * The structure of a declared struct type, written so that two declarations with the same fields (names and
 * types, nested structs expanded) compare equal whatever their struct names or field order. Standards are
 * recognised by this, never by a type's name: a page can name any struct "Permit".
 */
export function shapeOf(types: TypedDataTypes, typeName: string): string {
  const fields = types[typeName];
  if (fields === undefined) return typeName;
  const parts = fields.map((field) => `${field.name}:${fieldShape(types, field.type)}`).sort();
  return `{${parts.join(',')}}`;
}

function fieldShape(types: TypedDataTypes, type: string): string {
  const base = baseType(type, type);
  const suffix = type.slice(base.length);
  return base in types ? `${shapeOf(types, base)}${suffix}` : type;
}

/** Whether `typeName` in `types` has exactly the fields of `referenceName` in `reference`. */
export function hasShape(types: TypedDataTypes, typeName: string, reference: TypedDataTypes, referenceName: string): boolean {
  return shapeOf(types, typeName) === shapeOf(reference, referenceName);
}

/** The declared type of `field` in struct `typeName`, if it has one. */
export function fieldType(types: TypedDataTypes, typeName: string, field: string): string | undefined {
  return types[typeName]?.find((entry) => entry.name === field)?.type;
}
