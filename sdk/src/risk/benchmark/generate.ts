import type { Address } from 'viem';
import { MAX_UINT256, NATIVE_TOKEN } from '../../decode/types.js';
import type { Effect } from '../../effects/types.js';
import type { MerchantStatus } from '../../types/policy.js';
import { DAY_MS } from '../constants.js';
import type { AssessRequestInput, CallTarget, PartyFacts, PastPayment, RiskPolicy, TokenInfo } from '../types.js';
import { BENCH_SIGNER, listingEffects, NFT_PROTOCOLS, SWAP_PROTOCOLS, swapOrderEffects } from './orders.js';
import { siteImitation, WELL_KNOWN_SITES } from '../../site/lookAlike.js';
import { checkPhishingList } from '../../site/phishingList.js';
import phishingLists from 'eth-phishing-detect/src/config.json';
import { BENCH_MULTI_SEND, BENCH_MULTI_SEND_CALL_ONLY, readSafeTx, type SafeCallTerms, safeBatch, safeTransfer } from './safe.js';
import { poisoningCampaign } from './poisoning.js';
import { Random } from './random.js';

/**
 * Synthetic shoppers for the detection benchmark (see README.md beside this file): a history of ordinary
 * payments, the shopper's next ordinary payments (benign cases) and one attempt of every scam family
 * (scam cases), all expressed as `assessRequest` inputs, from a fixed seed.
 */

/** The demo stablecoin (6 decimals) and a token the swaps return. */
export const BENCH_USD: Address = '0x5fc8d32690cc91d4c39d9d3abcbd16989f875707';
export const BENCH_SWAP_TOKEN: Address = '0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0';
/** The benchmark's policy: the demo thresholds and limits; unlimited approvals allowed, so the model (not the hard rule) is measured. */
export const BENCH_POLICY: RiskPolicy = {
  version: 1n,
  warnAt: 40,
  blockAt: 80,
  unlimitedApprovalsAllowed: true,
  tokenLimits: [
    { token: NATIVE_TOKEN, maxSinglePayment: 10n ** 18n, dailyCap: 2n * 10n ** 18n, maxFirstPayment: 25n * 10n ** 16n },
    { token: BENCH_USD, maxSinglePayment: 1000n * 10n ** 6n, dailyCap: 2000n * 10n ** 6n, maxFirstPayment: 150n * 10n ** 6n },
  ],
};
const TOKENS: Record<string, TokenInfo> = {
  [NATIVE_TOKEN]: { symbol: 'ETH', decimals: 18 },
  [BENCH_USD]: { symbol: 'cgUSD', decimals: 6 },
  [BENCH_SWAP_TOKEN]: { symbol: 'SWP', decimals: 18 },
};
/** The end of every history; benign cases follow it, scam attempts come within hours of it. */
export const BENCH_NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The shopper's ordinary payments that the benchmark checks the model does not warn about. */
export type BenignLabel = 'regular' | 'subscription' | 'largerPurchase' | 'marketStall' | 'newShop' | 'swap' | 'routerApproval' | 'fairOrder' | 'safeBatch' | 'amidPrimers';

/** The scam families of the first rounds: payments, approvals and calls as effects. */
const PAYMENT_FAMILIES = [
  'lookAlike',
  'poisonedLookAlike',
  'dustedLookAlike',
  'approvalToAccount',
  'permitToAccount',
  'unlimitedApproval',
  'contractDrain',
  'fakeSwapDrain',
  'suddenLargeAmount',
  'burst',
  'recipientIsToken',
  'zeroValuePoisoning',
  'primedRecipient',
  'trustedSiteOffset',
  'operatorToAccount',
] as const;
/**
 * The families added with signed orders and spender freshness: orders built as dApps send them and read by the
 * wallet's decoder (orders.ts). They draw from a random stream of their own, so the shoppers and the attempts of
 * the families above stay exactly what they were and their rows can be compared with earlier runs.
 */
const ORDER_FAMILIES = ['orderProceedsElsewhere', 'dustOrder', 'freshSpender', 'lookAlikeSite'] as const;
/**
 * The families added with Safe transactions and the phishing lists, from a third stream of their own (the
 * families above keep exactly their cases).
 */
const DEPTH_FAMILIES = ['safeDelegateCall', 'phishingListSite'] as const;
/** Address poisoning as the chain shows it (primers the wallet did not make), from a fourth stream of its own. */
const POISONING_FAMILIES = ['addressPoisoning'] as const;
/** Every scam family the benchmark injects (README.md describes each). */
export const SCAM_FAMILIES = [...PAYMENT_FAMILIES, ...ORDER_FAMILIES, ...DEPTH_FAMILIES, ...POISONING_FAMILIES] as const;
export type ScamFamily = (typeof SCAM_FAMILIES)[number];
/** The families that are new in this round, for the report to mark. */
export const NEW_FAMILIES: readonly ScamFamily[] = POISONING_FAMILIES;

/** A request without the shopper's model: the runner adds the profile. */
export type CaseInput = Omit<AssessRequestInput, 'profile' | 'history'>;
/** One ordinary payment; `payment` is what the wallet records afterwards (the next case sees it). */
export type BenignCase = { label: BenignLabel; input: CaseInput; payment: PastPayment | undefined };
/** One scam attempt; `prelude` (oldest first) is what the attacker made the shopper do just before. */
export type ScamCase = { family: ScamFamily; prelude: PastPayment[]; input: CaseInput };
export type SyntheticShopper = { id: number; token: Address; history: PastPayment[]; benign: BenignCase[]; scams: ScamCase[] };

type Shop = { address: Address; origin: string; originStatus: MerchantStatus; status: MerchantStatus; isContract: boolean; factor: number };
type Subscription = { shop: Shop; amount: number; period: number; offset: number };
type Planned = { at: number; label: BenignLabel; shop: Shop; amount: number };

/** The generator's parameters; the defaults are what `pnpm --dir sdk bench:detection` uses. */
export type GeneratorOptions = {
  seed: number;
  shoppers: number;
  /** Days of history before the benign cases, drawn uniformly in this range. */
  historyDays?: readonly [number, number];
  /** Days of ordinary payments after the history that become benign cases. */
  benignDays?: number;
};

/** Generates the shoppers one at a time (the whole set is never held in memory). */
export function* generateShoppers(options: GeneratorOptions): Generator<SyntheticShopper> {
  const random = new Random(options.seed);
  for (let id = 0; id < options.shoppers; id++) yield generateShopper(id, random, options);
}

function generateShopper(id: number, random: Random, options: GeneratorOptions): SyntheticShopper {
  const [minDays, maxDays] = options.historyDays ?? [20, 180];
  const benignDays = options.benignDays ?? 10;
  // 70 % pay in the stablecoin, 30 % in ETH; `scale` is the shopper's usual amount, in whole units.
  const token = random.chance(0.7) ? BENCH_USD : NATIVE_TOKEN;
  const scale = token === BENCH_USD ? random.logUniform(3, 40) : random.logUniform(0.002, 0.02);
  const units = (amount: number): bigint => toUnits(amount, token);
  const firstCap = (BENCH_POLICY.tokenLimits.find((limits) => limits.token === token)?.maxFirstPayment ?? 0n);
  const newShop = (): Shop => ({
    address: random.address(),
    origin: `https://shop-${random.int(0, 1e9)}.example`,
    originStatus: random.chance(0.3) ? 'trusted' : 'unknown',
    status: random.chance(0.2) ? 'trusted' : 'unknown',
    isContract: random.chance(0.15),
    factor: random.logUniform(0.4, 2.5),
  });
  const regulars = Array.from({ length: random.int(2, 6) }, () => ({ ...newShop(), originStatus: random.chance(0.4) ? 'trusted' : 'unknown' }) as Shop);
  const subscriptions: Subscription[] = Array.from({ length: random.int(0, 3) }, () => ({
    shop: newShop(),
    amount: scale * random.logUniform(0.5, 3),
    period: random.pick([7, 30, 30]),
    offset: random.int(0, 29),
  }));
  const market = random.chance(0.6)
    ? { origin: `https://market-${random.int(0, 1e9)}.example`, status: (random.chance(0.3) ? 'trusted' : 'unknown') as MerchantStatus, every: random.int(7, 21), offset: random.int(0, 20), stalls: [] as Shop[] }
    : undefined;
  const router: Shop = { address: random.address(), origin: 'https://dex.example', originStatus: 'unknown', status: 'unknown', isContract: true, factor: 1 };
  const swaps = random.chance(0.3);

  const days = random.int(minDays, maxDays);
  const planned: Planned[] = [];
  for (let day = -days; day < benignDays; day++) {
    const start = BENCH_NOW + day * DAY_MS;
    const at = (hourFrom: number, hourTo: number) => start + Math.floor(random.next() * (hourTo - hourFrom) * HOUR) + hourFrom * HOUR;
    for (let n = random.pick([0, 1, 1, 2, 2, 3]); n > 0; n--) {
      const shop = random.pick(regulars);
      planned.push({ at: at(8, 21), label: 'regular', shop, amount: scale * shop.factor * random.logUniform(0.8, 1.25) });
    }
    for (const subscription of subscriptions)
      if ((((day - subscription.offset) % subscription.period) + subscription.period) % subscription.period === 0)
        planned.push({ at: start + 6 * HOUR, label: 'subscription', shop: subscription.shop, amount: subscription.amount });
    if (random.chance(0.04)) {
      // An occasional larger purchase, at a regular merchant or at a shop never used before (kept under
      // the community's first-payment cap, which is the community's choice, not the model's).
      const atNewShop = random.chance(0.5);
      const shop = atNewShop ? newShop() : random.pick(regulars);
      const amount = scale * random.logUniform(3, 8);
      planned.push({ at: at(10, 20), label: 'largerPurchase', shop, amount: atNewShop ? Math.min(amount, 0.9 * Number(firstCap) / 10 ** decimalsOf(token)) : amount });
    }
    if (random.chance(0.05)) planned.push({ at: at(9, 22), label: 'newShop', shop: newShop(), amount: scale * random.logUniform(0.5, 3) });
    if (market && (((day - market.offset) % market.every) + market.every) % market.every === 0) {
      // Market day: several stalls, some met before, a few minutes apart.
      let when = at(9, 11);
      for (let n = random.int(3, 6); n > 0; n--) {
        const returning = market.stalls.length > 0 && random.chance(0.3);
        const stall: Shop = returning
          ? random.pick(market.stalls)
          : { address: random.address(), origin: market.origin, originStatus: market.status, status: 'unknown', isContract: false, factor: 1 };
        if (!returning) market.stalls.push(stall);
        planned.push({ at: when, label: 'marketStall', shop: stall, amount: scale * random.logUniform(0.3, 1.5) });
        when += random.int(5, 25) * MINUTE;
      }
    }
    if (swaps && random.chance(0.03)) planned.push({ at: at(12, 23), label: 'swap', shop: router, amount: scale * random.logUniform(1, 10) });
  }
  planned.sort((a, b) => a.at - b.at);

  const history: PastPayment[] = [];
  const benign: BenignCase[] = [];
  let routerApproved = false;
  for (const event of planned) {
    const payment: PastPayment = { token, to: event.shop.address, amount: units(event.amount), timestamp: event.at, origin: event.shop.origin, status: 'confirmed', id: `${id}:${event.at}` };
    if (event.at < BENCH_NOW) {
      // 2 % of transactions fail on chain: the wallet does not pass those to the model.
      if (random.chance(0.02)) continue;
      history.push(event.at > BENCH_NOW - 30 * MINUTE ? { ...payment, status: 'pending' } : payment);
      continue;
    }
    if (event.label === 'swap' && !routerApproved) {
      // Before the first swap in the benign window, a bounded approval to the router it uses.
      routerApproved = true;
      benign.push({
        label: 'routerApproval',
        input: request(
          [{ kind: 'allowance', token, spender: router.address, amount: units(event.amount * 2), unlimited: false, via: 'erc20' }],
          [[router.address, party(router)]],
          router,
          event.at - MINUTE,
        ),
        payment: undefined,
      });
    }
    benign.push({ label: event.label, input: paymentRequest(event, token, units(event.amount), event.at), payment });
  }
  history.reverse(); // newest first, as the wallet stores it

  const scams = scamCases(random, token, scale, history, regulars);
  const orders = new Random(orderSeed(options.seed, id));
  benign.push(...fairOrders(orders));
  const depth = new Random(orderSeed(options.seed ^ 0x5afe, id));
  benign.push(...safeBatches(depth, regulars, token, scale));
  const poisoning = poisoningCases(new Random(orderSeed(options.seed ^ 0x9015, id)), token, scale, history, regulars);
  benign.push(...poisoning.benign);
  return { id, token, history, benign, scams: [...scams, ...orderScamCases(orders), ...depthScamCases(depth), ...poisoning.scams] };
}

/**
 * An address-poisoning campaign against the shopper (`poisoning.ts`): against a merchant it pays (70 %) or an
 * address it has never paid (an exchange's deposit address, copied from elsewhere). The attempt pays one of the
 * primed look-alikes (60 %) or another look-alike of the same address, the merchant's usual amount, on its site
 * or a scam site. Beside it, the shopper's ordinary payments with the primers present (`amidPrimers`): 2–4 to
 * its regular merchants (the imitated one among them) or to new shops.
 */
function poisoningCases(random: Random, token: Address, scale: number, history: readonly PastPayment[], regulars: readonly Shop[]): { scams: ScamCase[]; benign: BenignCase[] } {
  const paid = new Set(history.filter((payment) => payment.status !== 'pending').map((payment) => payment.to.toLowerCase()));
  const familiar = regulars.filter((shop) => paid.has(shop.address.toLowerCase()));
  const imitated: Shop = familiar.length > 0 && random.chance(0.7) ? random.pick(familiar) : { address: random.address(), origin: `https://exchange-${random.int(0, 1e6)}.example`, originStatus: 'unknown', status: 'unknown', isContract: false, factor: random.logUniform(0.5, 3) };
  const usual = toUnits(scale * imitated.factor, token);
  const campaign = poisoningCampaign(random, { target: imitated.address, amount: usual, stablecoin: BENCH_USD, blockNumber: 1_000_000n });
  const now = BENCH_NOW + random.int(1, 6) * HOUR + random.int(0, 59) * MINUTE;
  const payee = random.chance(0.6) ? random.pick(campaign.lookAlikes) : random.lookAlike(imitated.address);
  const site = random.chance(0.5) ? imitated : { origin: `https://claim-${random.int(0, 1e9)}.example`, originStatus: 'unknown' as MerchantStatus };
  const scam: ScamCase = {
    family: 'addressPoisoning',
    input: { ...request([{ kind: 'assetOut', token, to: payee, amount: usual }], [[payee, { status: 'unknown', isContract: false, isToken: false }]], site, now), suspiciousTransfers: campaign.primers },
    prelude: [],
  };
  const benign: BenignCase[] = [];
  for (let n = random.int(2, 4); n > 0; n--) {
    const at = BENCH_NOW + random.int(0, 9) * DAY_MS + random.int(8, 22) * HOUR;
    const regular = familiar.length > 0 && random.chance(0.7);
    const shop: Shop = regular ? random.pick(familiar) : { address: random.address(), origin: `https://shop-${random.int(0, 1e9)}.example`, originStatus: random.chance(0.3) ? 'trusted' : 'unknown', status: 'unknown', isContract: false, factor: 1 };
    const amount = toUnits(scale * (regular ? shop.factor * random.logUniform(0.8, 1.25) : random.logUniform(0.5, 3)), token);
    benign.push({ label: 'amidPrimers', input: { ...paymentRequest({ at, label: 'amidPrimers', shop, amount: 0 }, token, amount, at), suspiciousTransfers: campaign.primers }, payment: undefined });
  }
  return { scams: [scam], benign };
}

/** The Safe a shopper co-owns with its community (the benchmark's Safe transactions spend from it). */
const BENCH_SAFE: Address = '0x4F2083f5fBede34C2714aFfb3105539775f7FE64';

/** Ordinary Safe batches: a Safe app pays one or two of the shopper's regular merchants (at their usual prices) through MultiSendCallOnly. */
function safeBatches(random: Random, regulars: readonly Shop[], token: Address, scale: number): BenignCase[] {
  const cases: BenignCase[] = [];
  for (let n = random.int(0, 2); n > 0; n--) {
    const now = BENCH_NOW + random.int(0, 9) * DAY_MS + random.int(8, 22) * HOUR;
    const paid = Array.from({ length: random.int(1, 2) }, () => random.pick(regulars));
    const calls = paid.map((shop): SafeCallTerms => {
      const amount = toUnits(scale * shop.factor * random.logUniform(0.8, 1.25), token);
      return token === NATIVE_TOKEN ? { operation: 0, to: shop.address, value: amount, data: '0x' } : safeTransfer(token, shop.address, amount);
    });
    const decoded = readSafeTx(BENCH_SAFE, safeBatch(BENCH_MULTI_SEND_CALL_ONLY, calls), random);
    const site = { origin: 'https://app.safe.global', originStatus: (random.chance(0.5) ? 'trusted' : 'unknown') as MerchantStatus };
    const input = { ...request(decoded.effects, paid.map((shop) => [shop.address, party(shop)] as [Address, PartyFacts]), site, now), delegateCalls: decoded.delegateCalls };
    cases.push({ label: 'safeBatch', input, payment: undefined });
  }
  return cases;
}

/** One attempt of each family of this round, a few hours after the history ends. */
function depthScamCases(random: Random): ScamCase[] {
  const cases: ScamCase[] = [];
  for (const family of DEPTH_FAMILIES) {
    const now = BENCH_NOW + random.int(1, 6) * HOUR + random.int(0, 59) * MINUTE;
    const attacker = random.address();
    let input: CaseInput;
    switch (family) {
      case 'safeDelegateCall': {
        // The Safe signs a transaction that delegatecalls the attacker's contract, directly or hidden in a
        // MultiSend batch beside an ordinary transfer, on the real Safe app (compromised) or a copy.
        const drain: SafeCallTerms = { operation: 1, to: attacker, value: 0n, data: '0xa9059cbb' };
        const call = random.chance(0.5) ? drain : safeBatch(BENCH_MULTI_SEND, [safeTransfer(BENCH_USD, random.address(), toUnits(random.logUniform(5, 40), BENCH_USD)), drain]);
        const decoded = readSafeTx(BENCH_SAFE, call, random);
        const site = random.chance(0.5) ? { origin: 'https://app.safe.global', originStatus: 'trusted' as MerchantStatus } : { origin: `https://safe-${random.int(0, 1e6)}.example`, originStatus: 'unknown' as MerchantStatus };
        input = { ...request(decoded.effects, [[attacker, { status: 'unknown', isContract: true, isToken: false, fresh: random.chance(0.5) }]], site, now), delegateCalls: decoded.delegateCalls };
        break;
      }
      case 'phishingListSite': {
        // A site on the phishing blocklist (or a subdomain of one), or a name the fuzzy list knows, asks for an
        // ordinary-looking payment or a bounded approval to a long-lived contract.
        const listed = random.pick(PHISHING_SAMPLE);
        const origin = `https://${random.chance(0.3) ? `app.${listed}` : listed}`;
        input = siteAsks(random, attacker, origin, now);
        break;
      }
    }
    cases.push({ family, input, prelude: [] });
  }
  return cases;
}

/** What a phishing site asks for: half a bounded approval to a long-lived contract, half a payment to a new address. */
function siteAsks(random: Random, attacker: Address, origin: string, now: number): CaseInput {
  const spender = random.address();
  const effects: Effect[] = random.chance(0.5)
    ? [{ kind: 'allowance', token: BENCH_USD, spender, amount: toUnits(random.logUniform(20, 500), BENCH_USD), unlimited: false, via: 'erc20' }]
    : [{ kind: 'assetOut', token: BENCH_USD, to: attacker, amount: toUnits(random.logUniform(5, 100), BENCH_USD) }];
  return request(effects, [[spender, { status: 'unknown', isContract: true, isToken: false, fresh: false }], [attacker, { status: 'unknown', isContract: false, isToken: false }]], { origin, originStatus: 'unknown' }, now);
}

/** Hosts the phishing lists name: every 50th blocklisted domain, and names one letter off the fuzzy list's. */
const PHISHING_SAMPLE: readonly string[] = [
  ...phishingLists.blacklist.filter((_, at) => at % 50 === 0),
  'myetherwal1et.com',
  'etherscam.io',
  'openseaa.io',
  'metamaks.io',
];

/** The seed of a shopper's own stream for the order families (independent of the main stream). */
function orderSeed(seed: number, id: number): number {
  return ((seed ^ 0x0bde5eed) + id * 0x9e3779b1) >>> 0;
}

const dexSite = (random: Random) => ({ origin: `https://dex-${random.int(0, 1e6)}.example`, originStatus: (random.chance(0.3) ? 'trusted' : 'unknown') as MerchantStatus });
const orderUntil = (now: number, random: Random) => Math.floor(now / 1000) + random.int(1, 72) * 3600;

/** Fair orders in the days after the history: a swap on each protocol, or an NFT listed at a price; the proceeds go to the signer. */
function fairOrders(random: Random): BenignCase[] {
  const cases: BenignCase[] = [];
  for (let n = random.int(1, 3); n > 0; n--) {
    const now = BENCH_NOW + random.int(0, 9) * DAY_MS + random.int(8, 22) * HOUR;
    const site = dexSite(random);
    const protocol = random.pick([...SWAP_PROTOCOLS, ...NFT_PROTOCOLS]);
    const effects = (SWAP_PROTOCOLS as readonly string[]).includes(protocol)
      ? swapOrderEffects(protocol as (typeof SWAP_PROTOCOLS)[number], fairSwap(random, BENCH_SIGNER, now), random)
      : listingEffects(protocol as (typeof NFT_PROTOCOLS)[number], { collection: random.address(), tokenId: BigInt(random.int(1, 9999)), currency: NATIVE_TOKEN, price: toUnits(random.logUniform(0.02, 2), NATIVE_TOKEN), feeTo: random.address(), feeBps: random.int(0, 250), until: orderUntil(now, random) }, random);
    cases.push({ label: 'fairOrder', input: request(effects, [], site, now), payment: undefined });
  }
  return cases;
}

/** A swap of 10–400 cgUSD for about as much of the swap token. */
function fairSwap(random: Random, receiver: Address, now: number) {
  const usd = random.logUniform(10, 400);
  return { sell: BENCH_USD, sellAmount: toUnits(usd, BENCH_USD), buy: BENCH_SWAP_TOKEN, buyAmount: toUnits(usd * random.logUniform(0.5, 2), BENCH_SWAP_TOKEN), receiver, until: orderUntil(now, random) };
}

/** The host with its first Latin a, e, o, p, c, i or s written in Cyrillic, as the browser reports it (punycode); `undefined` if it has none. */
function homoglyphOf(host: string): string | undefined {
  const [name = '', ...rest] = host.split('.');
  const cyrillic: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', i: 'і', s: 'ѕ' };
  const at = [...name].findIndex((letter) => letter in cyrillic);
  if (at === -1) return undefined;
  const look = `${name.slice(0, at)}${cyrillic[name[at] ?? ''] ?? ''}${name.slice(at + 1)}`;
  return [new URL(`https://${look}.x`).hostname.slice(0, -2), ...rest].join('.');
}

/** The host with one letter of its name changed. */
function oneLetterOff(host: string, random: Random): string {
  const [name = '', ...rest] = host.split('.');
  const at = random.int(0, name.length - 1);
  const letter = name[at] === 'x' ? 'q' : 'x';
  return [`${name.slice(0, at)}${letter}${name.slice(at + 1)}`, ...rest].join('.');
}

/** One attempt of every order family, a few hours after the history ends; half on a site the community trusts (compromised). */
function orderScamCases(random: Random): ScamCase[] {
  const cases: ScamCase[] = [];
  for (const family of ORDER_FAMILIES) {
    const now = BENCH_NOW + random.int(1, 6) * HOUR + random.int(0, 59) * MINUTE;
    const site = random.chance(0.5) ? { origin: `https://trusted-${random.int(0, 1e9)}.example`, originStatus: 'trusted' as MerchantStatus } : { origin: `https://claim-${random.int(0, 1e9)}.example`, originStatus: 'unknown' as MerchantStatus };
    const attacker = random.address();
    let input: CaseInput;
    switch (family) {
      case 'orderProceedsElsewhere': {
        // A fair-looking swap whose output goes to the attacker (CoW/1inch receiver, UniswapX output recipient),
        // or a Blur listing whose "fee" takes the whole price.
        const protocol = random.pick(['cow', 'uniswapx', 'oneInch', 'blur'] as const);
        const effects =
          protocol === 'blur'
            ? listingEffects('blur', { collection: random.address(), tokenId: BigInt(random.int(1, 9999)), currency: NATIVE_TOKEN, price: toUnits(random.logUniform(0.1, 5), NATIVE_TOKEN), feeTo: attacker, feeBps: 10_000, until: orderUntil(now, random) }, random)
            : swapOrderEffects(protocol, fairSwap(random, attacker, now), random);
        input = request(effects, [[attacker, { status: 'unknown', isContract: false, isToken: false }]], site, now);
        break;
      }
      case 'dustOrder': {
        // Everything for next to nothing: a swap that asks for a few base units back, or an NFT listed for a few wei.
        const protocol = random.pick([...SWAP_PROTOCOLS, ...NFT_PROTOCOLS]);
        const effects = (SWAP_PROTOCOLS as readonly string[]).includes(protocol)
          ? swapOrderEffects(protocol as (typeof SWAP_PROTOCOLS)[number], { ...fairSwap(random, BENCH_SIGNER, now), buyAmount: BigInt(random.int(0, 10 ** 11)) }, random)
          : listingEffects(protocol as (typeof NFT_PROTOCOLS)[number], { collection: random.address(), tokenId: BigInt(random.int(1, 9999)), currency: NATIVE_TOKEN, price: BigInt(random.int(0, 10 ** 11)), feeTo: random.address(), feeBps: random.int(0, 250), until: orderUntil(now, random) }, random);
        input = request(effects, [], site, now);
        break;
      }
      case 'freshSpender': {
        // An approval, permit, Permit2 grant or operator approval to a contract deployed in the last week.
        const spender = random.address();
        const unlimited = random.chance(0.5);
        const effects: Effect[] = random.chance(0.25)
          ? [{ kind: 'operator', token: random.address(), operator: spender, approved: true }]
          : [{ kind: 'allowance', token: BENCH_USD, spender, amount: unlimited ? MAX_UINT256 : toUnits(random.logUniform(20, 500), BENCH_USD), unlimited, via: random.pick(['erc20', 'permit', 'permit2', 'permit2Transfer'] as const) }];
        input = request(effects, [[spender, { status: 'unknown', isContract: true, isToken: false, fresh: true }]], site, now);
        break;
      }
      case 'lookAlikeSite': {
        // A well-known site imitated (look-alike letters in punycode, a letter changed, or the real name inside
        // another host) asks for an ordinary-looking approval to a long-lived contract or a payment to a new address.
        const imitated = random.pick(WELL_KNOWN_SITES.filter((host) => host.length >= 7));
        const origin = `https://${random.pick([homoglyphOf(imitated) ?? oneLetterOff(imitated, random), oneLetterOff(imitated, random), `${imitated}.claim-${random.int(0, 1e6)}.xyz`])}`;
        input = siteAsks(random, attacker, origin, now);
        break;
      }
    }
    cases.push({ family, input, prelude: [] });
  }
  return cases;
}

function paymentRequest(event: Planned, token: Address, amount: bigint, now: number): CaseInput {
  const shop = event.shop;
  if (event.label === 'swap') {
    return request(
      [
        { kind: 'assetOut', token, to: shop.address, amount },
        { kind: 'assetIn', token: BENCH_SWAP_TOKEN, standard: 'erc20', from: shop.address, amount: amount * 997n },
      ],
      [[shop.address, party(shop)]],
      shop,
      now,
      { address: shop.address, recognised: 'unknown' },
    );
  }
  // A shop that is a contract is paid by a call carrying the value (native) or a transfer to it (tokens).
  const target: CallTarget | undefined = shop.isContract && token === NATIVE_TOKEN ? { address: shop.address, recognised: 'unknown' } : undefined;
  return request([{ kind: 'assetOut', token, to: shop.address, amount }], [[shop.address, party(shop)]], shop, now, target);
}

function party(shop: Shop, facts: Partial<PartyFacts> = {}): PartyFacts {
  return { status: shop.status, isContract: shop.isContract, isToken: false, fresh: false, ...facts };
}

function request(
  effects: Effect[],
  parties: Array<[Address, PartyFacts]>,
  site: { origin: string; originStatus: MerchantStatus },
  now: number,
  target?: CallTarget,
): CaseInput {
  return {
    effects: { basis: 'simulation', effects },
    target,
    parties: Object.fromEntries(parties.map(([address, facts]) => [address.toLowerCase(), facts])),
    tokens: TOKENS,
    policy: BENCH_POLICY,
    originStatus: site.originStatus,
    origin: site.origin,
    siteImitation: siteImitation(site.origin, WELL_KNOWN_SITES),
    phishingList: checkPhishingList(site.origin, site.originStatus),
    now,
  };
}

/** One attempt of every family, a few hours after the history ends. */
function scamCases(random: Random, token: Address, scale: number, history: readonly PastPayment[], regulars: readonly Shop[]): ScamCase[] {
  const units = (amount: number, of: Address = token) => toUnits(amount, of);
  const maxSingle = Number(BENCH_POLICY.tokenLimits.find((limits) => limits.token === token)?.maxSinglePayment ?? 0n) / 10 ** decimalsOf(token);
  const when = () => BENCH_NOW + random.int(1, 6) * HOUR + random.int(0, 59) * MINUTE;
  const scamSite = () => ({ origin: `https://claim-${random.int(0, 1e9)}.example`, originStatus: 'unknown' as MerchantStatus });
  const trustedSite = () => ({ origin: `https://trusted-${random.int(0, 1e9)}.example`, originStatus: 'trusted' as MerchantStatus });
  const eoa = (): PartyFacts => ({ status: 'unknown', isContract: false, isToken: false });
  const contract = (fresh: boolean): PartyFacts => ({ status: 'unknown', isContract: true, isToken: false, fresh });
  // Regular merchants the shopper has actually paid (confirmed) in the history.
  const paid = new Set(history.filter((payment) => payment.status !== 'pending').map((payment) => payment.to.toLowerCase()));
  const familiar = regulars.filter((shop) => paid.has(shop.address.toLowerCase()));
  const known = familiar.length > 0 ? familiar : regulars;
  const cases: ScamCase[] = [];
  const add = (family: ScamFamily, input: CaseInput, prelude: PastPayment[] = []) => cases.push({ family, input, prelude });

  for (const family of PAYMENT_FAMILIES) {
    const now = when();
    switch (family) {
      case 'lookAlike':
      case 'poisonedLookAlike':
      case 'dustedLookAlike': {
        // Pay a look-alike of a merchant the shopper knows, its usual amount; the poisoned variant first
        // puts a zero-value transfer to the look-alike in the history (address poisoning), the dusted one
        // a confirmed payment of a few base units the page asked for ("verify your wallet").
        const shop = random.pick(known);
        const twin = random.lookAlike(shop.address);
        const site = random.chance(0.5) ? shop : scamSite();
        const prelude: PastPayment[] =
          family === 'lookAlike' ? [] : [{ token, to: twin, amount: family === 'poisonedLookAlike' ? 0n : BigInt(random.int(1, 1000)), timestamp: now - random.int(10, 600) * MINUTE, origin: family === 'poisonedLookAlike' ? null : site.origin, status: 'confirmed' }];
        add(family, request([{ kind: 'assetOut', token, to: twin, amount: units(scale * shop.factor) }], [[twin, eoa()]], site, now), prelude);
        break;
      }
      case 'approvalToAccount': {
        const spender = random.address();
        add(family, request([{ kind: 'allowance', token, spender, amount: units(scale * random.logUniform(5, 20)), unlimited: false, via: 'erc20' }], [[spender, eoa()]], scamSite(), now));
        break;
      }
      case 'permitToAccount': {
        const spender = random.address();
        const unlimited = random.chance(0.5);
        add(
          family,
          request(
            [{ kind: 'allowance', token: BENCH_USD, spender, amount: unlimited ? MAX_UINT256 : units(random.logUniform(20, 500), BENCH_USD), unlimited, via: random.pick(['permit', 'permit2', 'permit2Transfer'] as const), expiresAt: BigInt(now / 1000 + 3600) }],
            [[spender, eoa()]],
            scamSite(),
            now,
          ),
        );
        break;
      }
      case 'unlimitedApproval': {
        const spender = random.address();
        add(family, request([{ kind: 'allowance', token: BENCH_USD, spender, amount: MAX_UINT256, unlimited: true, via: 'erc20' }], [[spender, contract(random.chance(0.5))]], scamSite(), now));
        break;
      }
      case 'contractDrain': {
        // A call to a freshly deployed contract whose simulation shows the shopper's balances leaving
        // (to the contract or on to the attacker) with nothing coming back; half on a trusted site.
        const drainer = random.address();
        const attacker = random.address();
        const to = random.chance(0.5) ? drainer : attacker;
        const effects: Effect[] = [{ kind: 'assetOut', token, to, amount: units(Math.min(scale * random.logUniform(2, 60), 0.9 * maxSingle)) }];
        if (random.chance(0.4)) effects.push({ kind: 'itemOut', token: random.address(), standard: 'erc721', to, tokenId: BigInt(random.int(1, 9999)), amount: 1n });
        add(family, request(effects, [[drainer, contract(true)], [attacker, eoa()]], random.chance(0.5) ? trustedSite() : scamSite(), now, { address: drainer, recognised: 'unknown' }));
        break;
      }
      case 'fakeSwapDrain': {
        // A fresh contract takes the shopper's tokens and sends back a token of its own, to look like a swap.
        const drainer = random.address();
        const effects: Effect[] = [
          { kind: 'assetOut', token, to: drainer, amount: units(Math.min(scale * random.logUniform(2, 60), 0.9 * maxSingle)) },
          { kind: 'assetIn', token: random.address(), standard: 'erc20', from: drainer, amount: BigInt(random.int(1, 10 ** 6)) },
        ];
        add(family, request(effects, [[drainer, contract(true)]], random.chance(0.5) ? trustedSite() : scamSite(), now, { address: drainer, recognised: 'unknown' }));
        break;
      }
      case 'suddenLargeAmount': {
        // 25–100 × the usual amount, under the community's single-payment limit, asked by a trusted site,
        // to a merchant the shopper knows or to a new address.
        const toKnown = random.chance(0.5);
        const to = toKnown ? random.pick(known).address : random.address();
        const amount = Math.min(scale * random.logUniform(25, 100), 0.95 * maxSingle);
        add(family, request([{ kind: 'assetOut', token, to, amount: units(amount) }], [[to, eoa()]], trustedSite(), now));
        break;
      }
      case 'burst': {
        // The 4th to 8th payment within a few minutes, each to a new address, each of an ordinary size.
        const site = random.chance(0.5) ? scamSite() : trustedSite();
        const before = random.int(3, 7);
        const prelude: PastPayment[] = [];
        for (let i = before; i > 0; i--)
          prelude.push({ token, to: random.address(), amount: units(scale * random.logUniform(0.5, 2)), timestamp: now - i * random.int(20, 80) * 1000, origin: site.origin, status: random.chance(0.5) ? 'confirmed' : 'pending', id: `burst:${now}:${i}` });
        const to = random.address();
        add(family, request([{ kind: 'assetOut', token, to, amount: units(scale * random.logUniform(0.5, 2)) }], [[to, eoa()]], site, now), prelude);
        break;
      }
      case 'recipientIsToken': {
        const tokenContract = token === NATIVE_TOKEN ? BENCH_USD : token;
        add(family, request([{ kind: 'assetOut', token, to: tokenContract, amount: units(scale * random.logUniform(0.5, 3)) }], [[tokenContract, { status: 'unknown', isContract: true, isToken: true }]], random.chance(0.5) ? trustedSite() : scamSite(), now));
        break;
      }
      case 'zeroValuePoisoning': {
        // "Claim for free, then mint": a 0-ETH call to the contract first, then ETH into it, mostly over
        // the first-payment cap (0.3–0.95 ETH), sometimes under it (0.05–0.24 ETH).
        const minter = random.address();
        const site = scamSite();
        const prelude: PastPayment[] = [{ token: NATIVE_TOKEN, to: minter, amount: 0n, timestamp: now - random.int(2, 120) * MINUTE, origin: site.origin, status: 'confirmed' }];
        const eth = random.chance(0.7) ? random.logUniform(0.3, 0.95) : random.logUniform(0.05, 0.24);
        add(family, request([{ kind: 'assetOut', token: NATIVE_TOKEN, to: minter, amount: toUnits(eth, NATIVE_TOKEN) }], [[minter, contract(random.chance(0.5))]], site, now, { address: minter, recognised: 'unknown' }), prelude);
        break;
      }
      case 'primedRecipient': {
        // "Pay a little first, then a lot": a tiny confirmed payment makes the address paid-before, so the
        // first-payment cap no longer applies; then 15–60 × the usual amount.
        const to = random.address();
        const site = scamSite();
        const prelude: PastPayment[] = [{ token, to, amount: units(scale * random.logUniform(0.02, 0.2)), timestamp: now - random.int(5, 300) * MINUTE, origin: site.origin, status: 'confirmed' }];
        add(family, request([{ kind: 'assetOut', token, to, amount: units(Math.min(scale * random.logUniform(15, 60), 0.95 * maxSingle)) }], [[to, eoa()]], site, now), prelude);
        break;
      }
      case 'trustedSiteOffset': {
        // A danger asked by a site the community trusts (a compromised page): an approval or permit to a plain account.
        const spender = random.address();
        const unlimited = random.chance(0.3);
        add(
          family,
          request(
            [{ kind: 'allowance', token, spender, amount: unlimited ? MAX_UINT256 : units(scale * random.logUniform(2, 20)), unlimited, via: random.pick(['erc20', 'permit', 'permit2'] as const) }],
            [[spender, { ...eoa(), status: random.chance(0.3) ? 'trusted' : 'unknown' }]],
            trustedSite(),
            now,
          ),
        );
        break;
      }
      case 'operatorToAccount': {
        const operator = random.address();
        add(family, request([{ kind: 'operator', token: random.address(), operator, approved: true }], [[operator, eoa()]], random.chance(0.5) ? trustedSite() : scamSite(), now));
        break;
      }
    }
  }
  return cases;
}

function decimalsOf(token: Address): number {
  return TOKENS[token.toLowerCase()]?.decimals ?? 18;
}

/** Whole units to base units, keeping six significant decimals (enough for amounts of coffee and of rent). */
function toUnits(amount: number, token: Address): bigint {
  const decimals = decimalsOf(token);
  const micro = BigInt(Math.max(1, Math.round(amount * 1e6)));
  return decimals >= 6 ? micro * 10n ** BigInt(decimals - 6) : micro / 10n ** BigInt(6 - decimals);
}
