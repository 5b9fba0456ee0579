// A JSON-RPC proxy in front of a real anvil for the pipeline's tests (not a test file itself): it
// forwards every request, except the methods a test tells it to answer itself. anvil always offers
// eth_simulateV1 and always answers eth_sendRawTransaction, so a node without the method, a malformed
// simulation or a refused broadcast can only be produced here.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Returned by an override: the connection is closed without an answer (a lost answer). */
export const DROP = Symbol('drop');

/** An answer of its own (a promise that never settles holds the request open), or `undefined` to forward it. */
export type Override = (request: { id: unknown; method: string; params: unknown }) => unknown;

export async function startRpcProxy(upstream: string): Promise<{ url: string; override: (method: string, answer: Override | null) => void; seen: string[]; trips: string[][]; close: () => Promise<void> }> {
  const overrides = new Map<string, Override>();
  const seen: string[] = [];
  /** The methods of each HTTP request (one round trip to the node: a batch or a single call). */
  const trips: string[][] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const parsed = JSON.parse(body) as { id: unknown; method: string; params: unknown } | Array<{ id: unknown; method: string; params: unknown }>;
      trips.push((Array.isArray(parsed) ? parsed : [parsed]).map((one) => one.method));
      const answerOne = async (one: { id: unknown; method: string; params: unknown }) => {
        seen.push(one.method);
        const own = await overrides.get(one.method)?.(one);
        if (own !== undefined) return own;
        const forwarded = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(one) });
        return forwarded.json();
      };
      const answer = Array.isArray(parsed) ? await Promise.all(parsed.map(answerOne)) : await answerOne(parsed);
      if (answer === DROP || (Array.isArray(answer) && answer.includes(DROP))) return void res.socket?.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    override: (method, answer) => (answer ? overrides.set(method, answer) : overrides.delete(method)),
    seen,
    trips,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
