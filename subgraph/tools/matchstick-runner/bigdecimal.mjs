// graph-ts BigDecimal as { digits, exp } (value = digits × 10^exp), with graph-node's 34 significant digits.

export const PRECISION = 34;

export function normalize({ digits, exp }) {
  if (digits === 0n) return { digits: 0n, exp: 0n };
  let d = digits;
  let e = exp;
  while (d % 10n === 0n) {
    d /= 10n;
    e += 1n;
  }
  return { digits: d, exp: e };
}

function digitCount(n) {
  return (n < 0n ? -n : n).toString().length;
}

/** Rounds to PRECISION significant digits, half away from zero. */
export function round({ digits, exp }) {
  const extra = digitCount(digits) - PRECISION;
  if (extra <= 0) return normalize({ digits, exp });
  const divisor = 10n ** BigInt(extra);
  let q = digits / divisor;
  const r = digits % divisor;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= divisor) q += digits < 0n ? -1n : 1n;
  return normalize({ digits: q, exp: exp + BigInt(extra) });
}

function align(a, b) {
  const exp = a.exp < b.exp ? a.exp : b.exp;
  return [a.digits * 10n ** (a.exp - exp), b.digits * 10n ** (b.exp - exp), exp];
}

export function plus(a, b) {
  const [x, y, exp] = align(a, b);
  return round({ digits: x + y, exp });
}

export function minus(a, b) {
  const [x, y, exp] = align(a, b);
  return round({ digits: x - y, exp });
}

export function times(a, b) {
  return round({ digits: a.digits * b.digits, exp: a.exp + b.exp });
}

export function dividedBy(a, b) {
  if (b.digits === 0n) throw new Error('BigDecimal division by zero');
  const shift = BigInt(PRECISION + 2 + digitCount(b.digits));
  return round({ digits: (a.digits * 10n ** shift) / b.digits, exp: a.exp - b.exp - shift });
}

export function equals(a, b) {
  const x = normalize(a);
  const y = normalize(b);
  return x.digits === y.digits && x.exp === y.exp;
}

/** Plain decimal notation, as graph-node prints a BigDecimal. */
export function toString(value) {
  const { digits, exp } = normalize(value);
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString();
  let out;
  if (exp >= 0n) out = text + '0'.repeat(Number(exp));
  else {
    const point = text.length + Number(exp);
    out = point > 0 ? `${text.slice(0, point)}.${text.slice(point)}` : `0.${'0'.repeat(-point)}${text}`;
  }
  return negative ? `-${out}` : out;
}

export function fromString(text) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`invalid BigDecimal string "${text}"`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = BigInt(`${whole}${fraction}` || '0');
  if (sign === '-') digits = -digits;
  return round({ digits, exp: BigInt(exponent) - BigInt(fraction.length) });
}
