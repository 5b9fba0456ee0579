import type { TypedDataContext } from '../typedDataKinds.js';
import { hasShape } from '../typedDataShape.js';
import type { TypedDataTypes } from '../typedDataSchema.js';

/**
 * The orders a message signs: the message itself when its type is `reference[name]`, or every leaf of a bulk
 * order, one field `tree` of type `X[2]…[2]` where `X` is that order type (Seaport 1.4+ bulk orders, LooksRare
 * v2 batch orders: a Merkle tree of orders signed at once). `undefined` when the message is neither.
 */
export function ordersInMessage<T>({ types, primaryType, message }: TypedDataContext, reference: TypedDataTypes, name: string): T[] | undefined {
  if (hasShape(types, primaryType, reference, name)) return [message as T];
  const fields = types[primaryType] ?? [];
  const [tree] = fields;
  if (fields.length !== 1 || tree === undefined) return undefined;
  const match = /^([A-Za-z_$][A-Za-z0-9_$]*)((?:\[2\])+)$/.exec(tree.type);
  if (!match || !hasShape(types, match[1] ?? '', reference, name)) return undefined;
  return (message[tree.name] as unknown[]).flat(24) as T[];
}
