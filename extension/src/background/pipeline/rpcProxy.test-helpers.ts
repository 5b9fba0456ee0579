// A JSON-RPC proxy in front of a real anvil for the pipeline's tests (not a test file itself): it
// forwards every request, except the methods a test tells it to answer itself. anvil always offers
// eth_simulateV1 and always answers eth_sendRawTransaction, so a node without the method, a malformed
// simulation or a refused broadcast can only be produced here. WebSocket connections (the wallet's watch
// on new blocks) pass through to anvil untouched.
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

/** Returned by an override: the connection is closed without an answer (a lost answer). */
export const DROP = Symbol('drop');

/** An answer of its own (a promise that never settles holds the request open), or `undefined` to forward it. */
export type Override = (request: { id: unknown; method: string; params: unknown }) => unknown;

/** `webSocket: false`: a node that serves no WebSocket (the wallet then cannot watch its new blocks). */
export async function startRpcProxy(upstream: string, { webSocket = true }: { webSocket?: boolean } = {}): Promise<{ url: string; override: (method: string, answer: Override | null) => void; seen: string[]; trips: string[][]; close: () => Promise<void> }> {
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
  const upgraded = new Set<{ destroy: () => void }>();
  server.on('upgrade', (req, socket, head) => {
    if (!webSocket) return void socket.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
    const { hostname, port } = new URL(upstream);
    const node = connect(Number(port), hostname, () => {
      const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`);
      node.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      node.write(head);
      node.pipe(socket).pipe(node);
    });
    node.on('error', () => socket.destroy());
    socket.on('error', () => node.destroy());
    upgraded.add(socket).add(node);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    override: (method, answer) => (answer ? overrides.set(method, answer) : overrides.delete(method)),
    seen,
    trips,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
}
