// Runs inside the page: sends `count` random or malformed requests through the real path (page →
// bridge content script → background) and returns every answer for the test to check.
export function fuzzInPage({ count, seed, concurrency }) {
  let state = seed >>> 0;
  const random = () => {
    // xorshift32: reproducible from the seed printed by the test.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const METHODS = [
    'eth_chainId', 'eth_accounts', 'eth_requestAccounts', 'eth_sendTransaction', 'eth_signTypedData_v4', 'personal_sign',
    'eth_sign', 'wallet_switchEthereumChain', 'wallet_sendCalls', 'eth_getBalance', 'eth_call', 'eth_blockNumber', 'net_version',
    'eth_getTransactionReceipt', 'commonguard_openPaymentLink', 'wallet_requestPermissions', 'eth_subscribe', 'toString',
    '__proto__', 'constructor', 'hasOwnProperty', '', 'x'.repeat(80), 'eth_getCode', 'eth_estimateGas',
  ];
  const value = (depth = 0) => {
    const kind = Math.floor(random() * (depth > 2 ? 7 : 10));
    switch (kind) {
      case 0: return null;
      case 1: return Math.floor(random() * 2 ** 53) * (random() < 0.5 ? -1 : 1);
      case 2: return random() < 0.5;
      case 3: return `0x${Math.floor(random() * 2 ** 32).toString(16)}`;
      case 4: return pick(['', 'ethereum:0x14dC79964da2C08b23698B3D3cc7Ca32193d9955@31337?value=1e999', 'ethereum:bad', '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', '{"types":{}}', 'NaN', '\u0000\uffff']);
      case 5: return 'x'.repeat(Math.floor(random() * 5000));
      case 6: return 1.5;
      case 7: return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      default: {
        const object = {};
        for (const key of ['to', 'from', 'value', 'data', 'chainId', 'calls', 'types', '__proto__', 'message', 'gas', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'type'].filter(() => random() < 0.3))
          object[key] = value(depth + 1);
        return object;
      }
    }
  };

  return new Promise((resolve) => {
    const answers = [];
    const pending = new Map();
    const listener = (event) => {
      const data = event.data;
      if (event.source !== window || data?.source !== 'commonguard-bridge' || !('id' in data)) return;
      const done = pending.get(data.id);
      if (done) {
        pending.delete(data.id);
        done(data);
      }
    };
    window.addEventListener('message', listener);
    let sent = 0;
    let dropped = 0;
    let rawId = 1_000_000_000;
    const one = () => {
      const mode = random();
      if (mode < 0.5) {
        // Through the provider, as a page's own code would call it.
        const method = pick(METHODS);
        const params = random() < 0.2 ? undefined : random() < 0.7 ? [value(), value()] : value();
        const args = random() < 0.05 ? pick([null, 42, 'eth_chainId', [], { params: [] }]) : { method, params };
        return window.ethereum.request(args).then(
          (result) => answers.push({ kind: 'result', result: result === undefined ? '__undefined__' : typeof result }),
          (error) => answers.push({ kind: 'error', code: error?.code, message: error?.message }),
        );
      }
      // Raw window messages, bypassing the provider's own checks.
      const id = random() < 0.9 ? ++rawId : pick([undefined, -1, 0, 1.5, 'abc', null, 2 ** 60]);
      const message = { source: 'commonguard-page', id, method: random() < 0.8 ? pick(METHODS) : value(), params: random() < 0.03 ? 'y'.repeat(300_000) : value() };
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
        dropped++;
        window.postMessage(message, '*');
        return Promise.resolve();
      }
      return new Promise((done) => {
        pending.set(id, (data) => {
          answers.push('error' in data ? { kind: 'error', code: data.error?.code, message: data.error?.message } : 'result' in data ? { kind: 'result', result: typeof data.result } : { kind: 'malformed', data });
          done();
        });
        window.postMessage(message, '*');
      });
    };
    const worker = async () => {
      while (sent < count) {
        sent++;
        await one();
      }
    };
    Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
      window.removeEventListener('message', listener);
      resolve({ answers, dropped, sent });
    });
  });
}

// Runs inside a page the user connected: `count` payments to `to` whose gas and fee fields are drawn from
// good, bad and hostile values, through the provider. Each reaches the wallet's fee checks (connected,
// decodable); the test closes every window that opens (a rejection). Returns every answer.
export function fuzzFeesInPage({ count, seed, concurrency, to }) {
  let state = seed >>> 0;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const QUANTITIES = [
    undefined, null, '0x0', '0x1', '0x5208', '0x7a120', '0x1000000', '0x1000001', '0xffffffffffffffff', `0x${'f'.repeat(64)}`, `0x${'f'.repeat(65)}`,
    '0x', '0x00', 'invalid', '', '-0x1', '1e18', 21000, 1.5, true, [], {}, '0x3b9aca00', '0x77359400', '0xZZ',
  ];
  const TYPES = [undefined, null, '0x0', '0x00', '0x1', '0x2', '0x3', '0x4', '0x5', '0x7e', 2, 'eip1559', '0x', 'legacy'];
  const FIELDS = ['gas', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas'];
  const one = async () => {
    const tx = { to, value: '0x1' };
    for (const field of FIELDS) if (random() < 0.5) tx[field] = pick(QUANTITIES);
    if (random() < 0.5) tx.type = pick(TYPES);
    const method = random() < 0.8 ? 'eth_sendTransaction' : 'wallet_sendCalls';
    const params = method === 'eth_sendTransaction' ? [tx] : [{ version: '2.0.0', chainId: '0x7a69', calls: [tx] }];
    try {
      const result = await window.ethereum.request({ method, params });
      return { kind: 'result', result: typeof result, tx };
    } catch (error) {
      return { kind: 'error', code: error?.code, message: error?.message, tx };
    }
  };
  const answers = [];
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      sent++;
      answers.push(await one());
    }
  };
  // A worker that throws fails the evaluation at once (with its error) instead of leaving it waiting forever.
  return Promise.all(Array.from({ length: concurrency }, worker)).then(() => ({ answers, sent }));
}

/** xorshift32 in Node: the same sequence for the same seed, so a failing run is repeated from its printed seed. */
export function seededRandom(seed) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return { random, pick: (list) => list[Math.floor(random() * list.length)] };
}

/**
 * `count` eth_signTypedData_v4 requests (built in Node) whose types are random graphs: chains, structs naming
 * the next one twice, cycles, arrays, names of Object.prototype, undeclared and malformed types, with small
 * messages that fit them or not. Send them with {@link sendInPage}.
 */
export function typedDataGraphRequests({ count, seed, account }) {
  const { random, pick } = seededRandom(seed);
  const ATOMIC = ['uint256', 'address', 'string', 'bool', 'bytes32', 'bytes', 'int8', 'uint7', 'uint', 'bytes33', 'function'];
  const HOSTILE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'EIP712Domain', 'uint256', '', 'a b', 'T0[]'];
  const FIELD_NAMES = ['a', 'b', 'c', 'd', 'owner', 'constructor', 'toString', '__proto__', ''];
  const ATOMIC_VALUES = { uint256: '1', address: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', string: 'x', bool: true, bytes32: `0x${'ab'.repeat(32)}`, bytes: '0x', int8: -1 };

  const graph = () => {
    const size = 1 + Math.floor(random() * 30);
    const names = Array.from({ length: size }, (_, index) => (random() < 0.05 ? pick(HOSTILE_NAMES) : `T${index}`));
    const types = { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }] };
    const doubling = random() < 0.5;
    names.forEach((name, index) => {
      const fields = [];
      const width = doubling ? 2 : Math.floor(random() * 5);
      for (let field = 0; field < width; field++) {
        let type;
        const roll = random();
        if (doubling && index + 1 < names.length) type = names[index + 1];
        else if (roll < 0.4 || index + 1 >= names.length) type = pick(ATOMIC);
        else if (roll < 0.9) type = names[index + 1 + Math.floor(random() * (names.length - index - 1))];
        else type = names[Math.floor(random() * (index + 1))]; // a cycle, or itself
        if (random() < 0.2) type += pick(['[]', '[2]', '[0]', '[][]', '[x]']);
        fields.push({ name: random() < 0.1 ? pick(FIELD_NAMES) : `f${field}`, type });
      }
      // Defined as an own property even for "__proto__", as a page's JSON.parse makes it.
      Object.defineProperty(types, name, { value: fields, enumerable: true, configurable: true, writable: true });
    });
    return { types, names };
  };

  const valueOf = (types, type, depth) => {
    if (/\[[^\]]*\]$/.test(type)) return random() < 0.8 ? [] : [valueOf(types, type.replace(/\[[^\]]*\]$/, ''), depth + 1)];
    if (Object.hasOwn(types, type)) {
      if (depth > 6) return {};
      const value = {};
      for (const field of types[type]) if (random() < 0.95) value[field.name] = valueOf(types, field.type, depth + 1);
      return value;
    }
    return Object.hasOwn(ATOMIC_VALUES, type) && random() < 0.9 ? ATOMIC_VALUES[type] : pick([null, 1.5, 'zz', {}, []]);
  };

  return Array.from({ length: count }, () => {
    const { types, names } = graph();
    const primaryType = random() < 0.9 ? pick(names) : pick(HOSTILE_NAMES);
    const data = { types, primaryType, domain: { name: 'Fuzz', chainId: random() < 0.9 ? 31337 : 1 }, message: valueOf(types, primaryType, 0) };
    return { method: 'eth_signTypedData_v4', params: [account, JSON.stringify(data)] };
  });
}

// Runs inside a page: sends `requests` ({ method, params }) through the provider, `concurrency` at a time with
// `pauseMs` between one worker's requests, and returns every answer with its time in the page (ms), in order.
export function sendInPage({ requests, concurrency, pauseMs = 0 }) {
  const answers = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const { method, params } = requests[index];
      const started = performance.now();
      try {
        const result = await window.ethereum.request({ method, params });
        answers[index] = { kind: 'result', result: typeof result, ms: performance.now() - started };
      } catch (error) {
        answers[index] = { kind: 'error', code: error?.code, message: error?.message, ms: performance.now() - started };
      }
      // Paced below the site's request budget, so the requests reach the wallet's checks rather than the rate limit.
      if (pauseMs > 0) await new Promise((done) => setTimeout(done, pauseMs));
    }
  };
  return Promise.all(Array.from({ length: concurrency }, worker)).then(() => answers);
}
