import { describe, expect, test } from 'vitest';
import { decodeTypedData, InvalidPayRequestError } from './index.js';
import { MAX_EXPANDED_FIELDS } from './typedDataSchema.js';
import { hasShape } from './typedDataShape.js';

const domainType = [
  { name: 'name', type: 'string' },
  { name: 'chainId', type: 'uint256' },
];
const domain = { name: 'Graph', chainId: 31337 };

/**
 * The hostile request from the review: `depth` struct types, each naming the next one twice, reached from the
 * primary type through an empty list, so the message itself is tiny (about 1.4 KB at depth 22) while the
 * types expand to 2^depth paths.
 */
function typeGraph(depth: number) {
  const types: Record<string, Array<{ name: string; type: string }>> = { EIP712Domain: domainType };
  for (let level = 0; level < depth; level++)
    types[`T${level}`] = [
      { name: 'a', type: `T${level + 1}` },
      { name: 'b', type: `T${level + 1}` },
    ];
  types[`T${depth}`] = [{ name: 'v', type: 'uint256' }];
  types.Mail = [{ name: 'items', type: 'T0[]' }];
  return { types, primaryType: 'Mail', domain, message: { items: [] } };
}

/** Milliseconds `work` takes. */
function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

describe('decodeTypedData: the work is bounded, not only the size', () => {
  test('a type graph whose structs each name the next one twice is refused quickly in words (depth 22, about 1.4 KB)', () => {
    const request = JSON.stringify(typeGraph(22));
    expect(request.length).toBeLessThan(1600);
    let error: unknown;
    // The old decoder spent about 41 s on this; 100 ms leaves room for a slow shared machine.
    const took = timed(() => {
      try {
        decodeTypedData(request);
      } catch (caught) {
        error = caught;
      }
    });
    expect(error).toBeInstanceOf(InvalidPayRequestError);
    expect((error as InvalidPayRequestError).shortMessage).toMatch(/expands to more than 4096 fields/);
    expect(took).toBeLessThan(100);
  });

  test('the refusal grows with the declared types, not with the paths: depth 60 takes about as long as depth 22', () => {
    const deep = typeGraph(60);
    expect(() => decodeTypedData(deep)).toThrow(/expands to more than/);
    expect(timed(() => expect(() => decodeTypedData(deep)).toThrow())).toBeLessThan(100);
  });

  test('a graph just under the limit is still read (as typed data the wallet cannot name), and quickly', () => {
    // 2^11 = 2048 leaves plus the structs on the way: under 4096 expanded fields.
    const graph = typeGraph(10);
    let decoded: ReturnType<typeof decodeTypedData> | undefined;
    expect(timed(() => (decoded = decodeTypedData(graph)))).toBeLessThan(100);
    expect(decoded?.standard).toBe('other');
    expect(MAX_EXPANDED_FIELDS).toBe(4096);
  });

  test('comparing a doubled graph against a standard remembers each pair of structs: linear work', () => {
    const { types } = typeGraph(40);
    // Compared with itself, every struct pair is reached 2^40 times without memory; with it, 41 pairs.
    expect(timed(() => expect(hasShape(types, 'T0', types, 'T0')).toBe(true))).toBeLessThan(50);
    const other = { ...types, T40: [{ name: 'v', type: 'uint128' }] };
    expect(hasShape(types, 'T0', other, 'T0')).toBe(false);
  });
});

describe('decodeTypedData: type names are looked up as declared names only', () => {
  for (const name of ['toString', 'constructor', 'hasOwnProperty', 'valueOf'])
    test(`a field of type "${name}" (an Object.prototype name, not declared) is refused as undeclared`, () => {
      const data = { types: { EIP712Domain: domainType, Mail: [{ name: 'x', type: name }] }, primaryType: 'Mail', domain, message: { x: {} } };
      expect(() => decodeTypedData(data)).toThrow(InvalidPayRequestError);
      expect(() => decodeTypedData(data)).toThrow(/neither built in nor declared/);
    });

  test('"toString" as the primary type, undeclared, is refused as undeclared', () => {
    const data = { types: { EIP712Domain: domainType }, primaryType: 'toString', domain, message: {} };
    expect(() => decodeTypedData(data)).toThrow(/is not declared/);
  });

  test('a struct that is really declared as "toString" is read like any other', () => {
    const data = {
      types: { EIP712Domain: domainType, toString: [{ name: 'v', type: 'uint8' }], Mail: [{ name: 'x', type: 'toString' }] },
      primaryType: 'Mail',
      domain,
      message: { x: { v: 7 } },
    };
    expect(decodeTypedData(data).messageTree).toEqual([{ name: 'x', type: 'toString', children: [{ name: 'v', type: 'uint8', value: '7' }] }]);
  });
});
