// Serves a subgraph's entity store the way graph-node answers queries: collections with `where`,
// `orderBy`, `orderDirection`, `first` and `skip`; entity references and @derivedFrom lists resolved
// from the store. With `subgraphApiSchema` and graphql-js it stands in for graph-node, which cannot
// run here, while the entities themselves come from the subgraph's real mappings.
import { Kind, parse, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { collectionNames } from './subgraphApiSchema.js';

/** A stored value as the matchstick runner keeps it (graph-ts's StoreValue kinds). */
type StoreValue = { kind: number; value: unknown };
/** The part of the runner's EntityStore read here: type → id → field → value. */
export type EntityStoreLike = { types: Map<string, Map<string, Map<string, StoreValue>>> };

// graph-ts's ValueKind: STRING 0, INT 1, BIGDECIMAL 2, BOOL 3, ARRAY 4, NULL 5, BYTES 6, BIGINT 7, INT8 8, TIMESTAMP 9.
function plain({ kind, value }: StoreValue): unknown {
  switch (kind) {
    case 4:
      return (value as StoreValue[]).map(plain);
    case 5:
      return null;
    case 6:
      return `0x${(value as Buffer).toString('hex')}`;
    case 1:
      return value;
    case 7:
    case 8:
    case 9:
    case 2:
      return String(value);
    default:
      return value;
  }
}

const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));

/** graph-node compares BigInt and numbers as numbers, Bytes and ids case-insensitively, strings as written. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  const numeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v));
  if (numeric(a) && numeric(b)) {
    const [x, y] = [BigInt(a as string), BigInt(b as string)];
    return x === y ? 0 : x < y ? -1 : 1;
  }
  const [x, y] = [String(a).toLowerCase(), String(b).toLowerCase()];
  return x === y ? 0 : x < y ? -1 : 1;
}

type Row = { id: string; fields: Map<string, unknown> };

function matches(row: Row, where: Record<string, unknown> | undefined): boolean {
  for (const [key, wanted] of Object.entries(where ?? {})) {
    if (wanted === undefined) continue;
    const [, field, op = ''] = key.match(/^(.+?)(?:_(not|gt|lt|gte|lte|in|not_in|contains_nocase|contains))?$/)!;
    const value = row.fields.get(field);
    const ok =
      op === '' ? compare(value, wanted) === 0
      : op === 'not' ? compare(value, wanted) !== 0
      : op === 'gt' ? compare(value, wanted) > 0
      : op === 'lt' ? compare(value, wanted) < 0
      : op === 'gte' ? compare(value, wanted) >= 0
      : op === 'lte' ? compare(value, wanted) <= 0
      : op === 'in' ? (wanted as unknown[]).some((w) => compare(value, w) === 0)
      : op === 'not_in' ? !(wanted as unknown[]).some((w) => compare(value, w) === 0)
      : op === 'contains_nocase' ? String(value ?? '').toLowerCase().includes(String(wanted).toLowerCase())
      : String(value ?? '').includes(String(wanted));
    if (!ok) return false;
  }
  return true;
}

type ListArgs = { first?: number; skip?: number; orderBy?: string; orderDirection?: 'asc' | 'desc'; where?: Record<string, unknown> };

/** The query root (`proposal(id)`, `proposals(...)`, …) for graphql-js's `rootValue`. */
export function storeRoot(entitySchema: string, store: EntityStoreLike): Record<string, (args: any) => unknown> {
  const entities = parse(entitySchema).definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some((x) => x.name.value === 'entity'),
  );
  const byName = new Map(entities.map((e) => [e.name.value, e]));
  const rows = (type: string): Row[] =>
    [...(store.types.get(type) ?? new Map()).entries()].map(([id, fields]) => ({ id, fields: new Map([...fields].map(([k, v]) => [k, plain(v)])) }));

  function list(type: string, candidates: Row[], { first = 100, skip = 0, orderBy, orderDirection = 'asc', where }: ListArgs) {
    // graph-node orders by id when no order is asked for, and breaks ties by id in the same direction.
    const key = orderBy ?? 'id';
    const order = (a: Row, b: Row) => compare(a.fields.get(key) ?? a.id, b.fields.get(key) ?? b.id) || compare(a.id, b.id);
    const sorted = candidates.filter((row) => matches(row, where)).sort((a, b) => order(a, b) * (orderDirection === 'desc' ? -1 : 1));
    return sorted.slice(skip, skip + first).map((row) => view(type, row));
  }

  /** One entity as graphql-js reads it: scalars as values, references and derived lists as resolvers. */
  function view(type: string, row: Row): Record<string, unknown> {
    const out: Record<string, unknown> = { id: row.id };
    for (const field of byName.get(type)!.fields ?? []) {
      const name = field.name.value;
      const target = named(field.type);
      const derived = field.directives?.find((d) => d.name.value === 'derivedFrom');
      if (derived) {
        const arg = derived.arguments!.find((a) => a.name.value === 'field')!.value;
        const back = arg.kind === Kind.STRING ? arg.value : '';
        out[name] = (args: ListArgs) => list(target, rows(target).filter((r) => compare(r.fields.get(back), row.id) === 0), args);
      } else if (byName.has(target)) {
        const ref = row.fields.get(name);
        out[name] = () => (ref == null ? null : one(target, String(ref)));
      } else if (name !== 'id') {
        out[name] = row.fields.get(name) ?? null;
      }
    }
    return out;
  }

  function one(type: string, id: string) {
    const row = rows(type).find((r) => compare(r.id, id) === 0);
    return row ? view(type, row) : null;
  }

  const root: Record<string, (args: any) => unknown> = {};
  for (const entity of entities) {
    const type = entity.name.value;
    const { single, plural } = collectionNames(type);
    root[single] = ({ id }: { id: string }) => one(type, id);
    root[plural] = (args: ListArgs) => list(type, rows(type), args);
  }
  return root;
}

