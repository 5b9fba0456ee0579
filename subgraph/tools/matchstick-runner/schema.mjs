// Reads what the runner needs from schema.graphql: required fields (graph-node refuses to save an
// entity without them) and derived fields (never stored).
import { readFileSync } from 'node:fs';

/** @returns {{ required: Map<string, string[]>, derived: Set<string> }} */
export function readSchema(file) {
  const text = readFileSync(file, 'utf8')
    .replace(/"""[\s\S]*?"""/g, '')
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '')
    .replace(/#[^\n]*/g, '');
  const required = new Map();
  const derived = new Set();
  for (const match of text.matchAll(/\btype\s+(\w+)[^{]*@entity[^{]*\{([^}]*)\}/g)) {
    const [, type, body] = match;
    const fields = [];
    for (const line of body.split('\n')) {
      const field = /^\s*(\w+)\s*:\s*([^@\s][^@]*?)\s*(@derivedFrom\b.*)?$/.exec(line);
      if (!field) continue;
      const [, name, fieldType, derivedFrom] = field;
      if (derivedFrom) derived.add(`${type}.${name}`);
      else if (fieldType.endsWith('!')) fields.push(name);
    }
    required.set(type, fields);
  }
  return { required, derived };
}
