// Builds the query API that graph-node derives from a subgraph's entity schema (collection and
// single-entity fields, `where` filters, `orderBy` enums), so the dApp's queries can be validated
// with graphql-js without a running graph-node (which cannot run on CI here).
import { buildSchema, Kind, parse, type FieldDefinitionNode, type GraphQLSchema, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';

const SCALARS = ['BigInt', 'BigDecimal', 'Bytes', 'Int8', 'Timestamp'];
const COMPARABLE = new Set(['ID', 'Int', 'BigInt', 'BigDecimal', 'Bytes', 'String', 'Int8', 'Timestamp']);

function named(type: TypeNode): { name: string; list: boolean } {
  if (type.kind === Kind.NON_NULL_TYPE) return named(type.type);
  if (type.kind === Kind.LIST_TYPE) return { name: named(type.type).name, list: true };
  return { name: type.name.value, list: false };
}

function lowerFirst(s: string) {
  return s[0].toLowerCase() + s.slice(1);
}

/**
 * graph-node's names: `proposal` / `proposals`, `community` / `communities` (English plurals: a
 * consonant before the final y makes -ies); a name whose plural is itself, as one ending in s, gets
 * `_collection`.
 */
export function collectionNames(type: string): { single: string; plural: string } {
  const single = lowerFirst(type);
  if (single.endsWith('s')) return { single, plural: `${single}_collection` };
  if (/[^aeiou]y$/.test(single)) return { single, plural: `${single.slice(0, -1)}ies` };
  return { single, plural: `${single}s` };
}

export function subgraphApiSchema(entitySchema: string): GraphQLSchema {
  const doc = parse(entitySchema);
  const entities = doc.definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some((x) => x.name.value === 'entity'),
  );
  const entityNames = new Set(entities.map((e) => e.name.value));
  const enums = new Set(doc.definitions.filter((d) => d.kind === Kind.ENUM_TYPE_DEFINITION).map((d: any) => d.name.value));
  const out: string[] = [
    'directive @entity(immutable: Boolean, timeseries: Boolean) on OBJECT',
    'directive @derivedFrom(field: String!) on FIELD_DEFINITION',
    ...SCALARS.map((s) => `scalar ${s}`),
    'enum OrderDirection { asc desc }',
    'input Block_height { hash: Bytes number: Int number_gte: Int }',
  ];
  for (const def of doc.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION) out.push(`enum ${def.name.value} { ${def.values!.map((v) => v.name.value).join(' ')} }`);
  }
  const listArgs = (t: string) => `(skip: Int = 0, first: Int = 100, orderBy: ${t}_orderBy, orderDirection: OrderDirection, where: ${t}_filter)`;
  for (const entity of entities) {
    const name = entity.name.value;
    const fields = entity.fields ?? [];
    const fieldLines = fields.map((f: FieldDefinitionNode) => {
      const { name: typeName, list } = named(f.type);
      const typeText = printType(f.type);
      return list && entityNames.has(typeName) ? `${f.name.value}${listArgs(typeName)}: ${typeText}` : `${f.name.value}: ${typeText}`;
    });
    out.push(`type ${name} { ${fieldLines.join('\n')} }`);
    out.push(`enum ${name}_orderBy { ${fields.map((f) => f.name.value).join(' ')} }`);
    const filters: string[] = [];
    for (const f of fields) {
      const { name: typeName, list } = named(f.type);
      const field = f.name.value;
      const derived = f.directives?.some((d) => d.name.value === 'derivedFrom');
      if (entityNames.has(typeName)) {
        if (!derived && !list) filters.push(`${field}: String ${field}_not: String ${field}_in: [String!] ${field}_not_in: [String!]`);
        filters.push(`${field}_: ${typeName}_filter`);
        continue;
      }
      if (list) {
        filters.push(`${field}: [${typeName}!] ${field}_contains: [${typeName}!] ${field}_not_contains: [${typeName}!]`);
        continue;
      }
      filters.push(`${field}: ${typeName} ${field}_not: ${typeName} ${field}_in: [${typeName}!] ${field}_not_in: [${typeName}!]`);
      if (COMPARABLE.has(typeName) && !enums.has(typeName)) {
        filters.push(['gt', 'lt', 'gte', 'lte'].map((op) => `${field}_${op}: ${typeName}`).join(' '));
      }
      if (typeName === 'String') {
        filters.push(
          ['contains', 'contains_nocase', 'not_contains', 'not_contains_nocase', 'starts_with', 'starts_with_nocase', 'ends_with', 'ends_with_nocase']
            .map((op) => `${field}_${op}: String`)
            .join(' '),
        );
      }
      if (typeName === 'Bytes') filters.push(`${field}_contains: Bytes ${field}_not_contains: Bytes`);
    }
    filters.push(`and: [${name}_filter] or: [${name}_filter]`);
    out.push(`input ${name}_filter { ${filters.join('\n')} }`);
  }
  const queryFields = entities.map((e) => {
    const { single, plural } = collectionNames(e.name.value);
    return `${single}(id: ID!, block: Block_height): ${e.name.value}\n${plural}${listArgs(e.name.value).replace(')', ', block: Block_height)')}: [${e.name.value}!]!`;
  });
  out.push(`type Query { ${queryFields.join('\n')} }`);
  return buildSchema(out.join('\n'));
}

function printType(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${printType(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${printType(type.type)}]`;
  return type.name.value;
}
