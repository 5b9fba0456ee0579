import { baseType, declares, type TypedDataTypes } from './typedDataSchema.js';

/**
 * Whether struct `typeName` in `types` has exactly the fields of `referenceName` in `reference`: the same field
 * names with the same types, nested structs compared the same way, whatever the structs are called or the order
 * their fields are declared in. Standards are recognised by this, never by a type's name: a page can name any
 * struct "Permit".
 *
 * The comparison walks the two type graphs side by side and remembers every pair of structs it has compared, so
 * its work grows with the number of declared fields, never with how often a struct is reached: a page's graph in
 * which each struct names the next one twice (2^depth paths) costs no more than a chain of the same length.
 */
export function hasShape(types: TypedDataTypes, typeName: string, reference: TypedDataTypes, referenceName: string): boolean {
  const compared = new Map<string, boolean>();
  const sameStruct = (left: string, right: string): boolean => {
    const key = `${left} ${right}`;
    const known = compared.get(key);
    if (known !== undefined) return known;
    // Declared types are acyclic (parseTypedData checks), so no pair is reached again while it is being compared.
    const result = sameFields(left, right);
    compared.set(key, result);
    return result;
  };
  const sameFields = (left: string, right: string): boolean => {
    if (!declares(types, left) || !declares(reference, right)) return false;
    const ours = types[left] as TypedDataTypes[string];
    const theirs = reference[right] as TypedDataTypes[string];
    if (ours.length !== theirs.length) return false;
    for (const field of ours) {
      const match = theirs.find((entry) => entry.name === field.name);
      if (match === undefined || !sameType(field.type, match.type)) return false;
    }
    return true;
  };
  const sameType = (left: string, right: string): boolean => {
    const leftBase = baseType(left, left);
    const rightBase = baseType(right, right);
    // Array suffixes (`[]`, `[2][]`) must be equal; the base types then compare as atomics or as structs.
    if (left.slice(leftBase.length) !== right.slice(rightBase.length)) return false;
    const leftStruct = declares(types, leftBase);
    const rightStruct = declares(reference, rightBase);
    if (leftStruct !== rightStruct) return false;
    return leftStruct ? sameStruct(leftBase, rightBase) : leftBase === rightBase;
  };
  return sameStruct(typeName, referenceName);
}
