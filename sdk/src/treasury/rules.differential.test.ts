// The differential test of the treasury rules: random sequences of calls (several treasurers, single
// payouts and batches, payouts by vote, budget changes, recipients blocked and unblocked, time moving
// across UTC midnights) are sent to the real Treasury on anvil, and the module must predict every
// outcome: success, or the exact custom error with its arguments. It runs on its own anvil, because it
// moves the chain's clock, which the shared chain's other tests must not see.
import {
  http,
  type Address,
  type Hex,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeErrorResult,
  parseEther,
  publicActions,
} from 'viem';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoStablecoinAbi, paymentPolicyAbi, treasuryAbi } from '../abis/generated.js';
import type { Deployment } from '../deployments/parseDeployment.js';
import { commonGuardErrorsAbi } from '../errors/contract.js';
import { deployContracts } from '../testing/deployContracts.js';
import { startAnvil } from '../testing/startAnvil.js';
import {
  type PayoutRow,
  type TreasuryLedger,
  type TreasuryOutcome,
  type TreasuryPolicy,
  applyPayByVote,
  applySetBudget,
  applyTreasurerPayout,
  emptyLedger,
  ledgerKey,
} from './rules.js';

const SEQUENCES = Number(process.env.TREASURY_DIFFERENTIAL_SEQUENCES ?? 12);
const CALLS_PER_SEQUENCE = Number(process.env.TREASURY_DIFFERENTIAL_CALLS ?? 60);
const DAY = 86_400n;
const UNIT = 1_000_000n; // cgUSD has 6 decimals
const LIMITS = { maxSinglePayment: 500n * UNIT, dailyCap: 700n * UNIT, maxFirstPayment: 100n * UNIT };

/** A small seeded generator (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] as T };
}

let anvil: Awaited<ReturnType<typeof startAnvil>>;
let deployment: Deployment;

beforeAll(async () => {
  anvil = await startAnvil();
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl });
}, 180_000);

afterAll(async () => {
  await anvil?.stop();
});

test('the module predicts every outcome of the real Treasury', async () => {
  const { treasury, paymentPolicy, timelock, demoStablecoin } = deployment.contracts;
  const token = demoStablecoin as Address;
  const transport = http(anvil.rpcUrl);
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport });
  const publicClient = createPublicClient({ chain: foundry, transport });
  const wallet = createWalletClient({ chain: foundry, transport }).extend(publicActions);

  const treasurers = [1, 2, 3].map((i) => `0x${'7e'.repeat(19)}0${i}` as Address);
  const recipients = [1, 2, 3, 4, 5, 6].map((i) => `0x${'c0'.repeat(19)}0${i}` as Address);
  for (const account of [timelock, ...treasurers]) {
    await testClient.impersonateAccount({ address: account });
    await testClient.setBalance({ address: account, value: parseEther('1000') });
  }

  /** Sends one call in its own block; returns its block's timestamp and the decoded error if it reverted. */
  const send = async (from: Address, request: { address: Address; abi: unknown; functionName: string; args: readonly unknown[] }) => {
    const hash = await wallet.writeContract({ ...request, account: from, chain: foundry, gas: 3_000_000n } as never);
    const receipt = await wallet.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    if (receipt.status === 'success') return { timestamp: block.timestamp, error: undefined };
    const trace = (await testClient.request({
      method: 'debug_traceTransaction' as never,
      params: [hash, { tracer: 'callTracer' }] as never,
    })) as { output?: Hex };
    if (!trace.output || trace.output === '0x') throw new Error(`call ${request.functionName} reverted without data`);
    const decoded = decodeErrorResult({ abi: commonGuardErrorsAbi, data: trace.output });
    return { timestamp: block.timestamp, error: { errorName: decoded.errorName, args: decoded.args ?? [] } };
  };
  const asTimelock = (functionName: string, address: Address, abi: unknown, args: readonly unknown[]) =>
    send(timelock, { address, abi, functionName, args });

  // The community's limits for cgUSD, and a treasury holding far more than any sequence pays out.
  expect((await asTimelock('setTokenLimits', paymentPolicy, paymentPolicyAbi, [token, LIMITS.maxSinglePayment, LIMITS.dailyCap, LIMITS.maxFirstPayment])).error).toBeUndefined();
  const deployer = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address; // anvil's account 0 deploys and owns cgUSD
  await send(deployer, { address: token, abi: demoStablecoinAbi, functionName: 'mint', args: [treasury, 10n ** 15n] });
  let baseline = await testClient.snapshot();

  let calls = 0;
  const seen = new Map<string, number>();
  const firstSeed = Number(process.env.TREASURY_DIFFERENTIAL_SEED ?? 20261207);
  for (let sequence = 0; sequence < SEQUENCES; ++sequence) {
    const seed = firstSeed + sequence;
    const rng = random(seed);
    let ledger: TreasuryLedger = emptyLedger;
    const blocked = new Set<string>();
    const policy: TreasuryPolicy = { limits: () => LIMITS, isBlocked: (r) => blocked.has(r.toLowerCase()) };
    // Fresh recipients per sequence: the chain's baseline never paid them.
    const who = recipients.map((r, i) => `0x${(BigInt(r) + BigInt(sequence) * 0x1_0000n + BigInt(i)).toString(16).padStart(40, '0')}` as Address);
    const amount = () => {
      const r = rng.next();
      if (r < 0.35) return BigInt(1 + rng.int(100)) * UNIT; // within the first-payment cap
      if (r < 0.7) return BigInt(1 + rng.int(500)) * UNIT; // within the max single payment
      if (r < 0.95) return BigInt(1 + rng.int(700)) * UNIT;
      return rng.pick([0n, 1n, LIMITS.maxFirstPayment, LIMITS.maxSinglePayment, LIMITS.maxSinglePayment + 1n]);
    };
    const steps: string[] = [];
    const check = (what: string, predicted: TreasuryOutcome, actual: { error: { errorName: string; args: readonly unknown[] } | undefined }) => {
      ++calls;
      steps.push(what);
      const expected = predicted.ok ? undefined : { errorName: predicted.error.errorName, args: normalise(predicted.error.args) };
      const got = actual.error ? { errorName: actual.error.errorName, args: normalise(actual.error.args) } : undefined;
      const key = got?.errorName ?? 'success';
      seen.set(key, (seen.get(key) ?? 0) + 1);
      expect(got, `seed ${seed}, call ${steps.length}: ${steps.slice(-6).join(' → ')}`).toEqual(expected);
      if (predicted.ok) ledger = predicted.ledger;
    };

    for (let step = 0; step < CALLS_PER_SEQUENCE; ++step) {
      // Time: mostly hours, often up to the next UTC midnight's edge, sometimes days.
      const r = rng.next();
      const latest = (await publicClient.getBlock()).timestamp;
      if (r < 0.25) {
        await testClient.increaseTime({ seconds: 60 + rng.int(10 * 3_600) });
        await testClient.mine({ blocks: 1 });
      } else if (r < 0.4) {
        let edge = (latest / DAY + 1n) * DAY - BigInt(1 + rng.int(3));
        if (edge <= latest) edge += DAY; // already at this midnight's edge: the next one
        await testClient.setNextBlockTimestamp({ timestamp: edge });
        await testClient.mine({ blocks: 1 });
      } else if (r < 0.47) {
        await testClient.increaseTime({ seconds: Number(DAY) + rng.int(2 * Number(DAY)) });
        await testClient.mine({ blocks: 1 });
      }

      const kind = step < 3 ? 'budget' : rng.pick(['payout', 'payout', 'payout', 'batch', 'batch', 'vote', 'vote', 'budget', 'block']);
      if (kind === 'budget') {
        const treasurer = step < 3 ? (treasurers[step] as Address) : rng.pick(treasurers);
        const perPeriod = rng.pick([0n, 300n * UNIT, 2_000n * UNIT, 5_000n * UNIT, 5_000n * UNIT, 5_000n * UNIT]);
        const period = rng.pick([DAY, 3n * DAY, 7n * DAY]);
        const actual = await asTimelock('setBudget', treasury, treasuryAbi, [treasurer, token, step < 3 ? 5_000n * UNIT : perPeriod, period]);
        const call = { treasurer, token, amountPerPeriod: step < 3 ? 5_000n * UNIT : perPeriod, period, timestamp: actual.timestamp };
        check(`setBudget(${call.amountPerPeriod / UNIT}/${period / DAY}d)`, applySetBudget(ledger, call), actual);
      } else if (kind === 'payout' || kind === 'batch') {
        const treasurer = rng.pick(treasurers);
        const count = kind === 'payout' ? 1 : 1 + rng.int(4);
        const rows: PayoutRow[] = Array.from({ length: count }, () => ({ recipient: rng.pick(who), amount: amount() }));
        const actual =
          kind === 'payout'
            ? await send(treasurer, { address: treasury, abi: treasuryAbi, functionName: 'payout', args: [token, rows[0]?.recipient, rows[0]?.amount, 'INV'] })
            : await send(treasurer, { address: treasury, abi: treasuryAbi, functionName: 'payoutBatch', args: [token, rows.map((row) => ({ ...row, memo: 'ROW' }))] });
        const call = { treasurer, token, rows, batch: kind === 'batch', timestamp: actual.timestamp };
        check(`${kind}(${rows.map((row) => `${who.indexOf(row.recipient)}:${row.amount / UNIT}`).join(',')})`, applyTreasurerPayout(ledger, policy, call), actual);
      } else if (kind === 'vote') {
        const recipient = rng.pick(who);
        const value = amount();
        const actual = await asTimelock('pay', treasury, treasuryAbi, [token, recipient, value, 'GRANT']);
        check(`vote(${who.indexOf(recipient)}:${value / UNIT})`, applyPayByVote(ledger, policy, { token, recipient, amount: value }), actual);
      } else {
        const recipient = rng.pick(who);
        const block = !blocked.has(ledgerKey(recipient));
        const actual = await asTimelock('setMerchantStatus', paymentPolicy, paymentPolicyAbi, [recipient, block ? 2 : 0, block ? 'blocked in a test' : '']);
        expect(actual.error).toBeUndefined();
        if (block) blocked.add(ledgerKey(recipient));
        else blocked.delete(ledgerKey(recipient));
        steps.push(`${block ? 'block' : 'unblock'}(${who.indexOf(recipient)})`);
      }
    }
    // Back to the funded treasury; a revert consumes its snapshot, so take it again.
    await testClient.revert({ id: baseline });
    baseline = await testClient.snapshot();
  }
  console.info(`treasury differential test: ${SEQUENCES} sequences, ${calls} calls compared; outcomes ${JSON.stringify(Object.fromEntries(seen))}`);
  expect(calls).toBeGreaterThanOrEqual(SEQUENCES * CALLS_PER_SEQUENCE * 0.8);
  // The sequences reach every rule, or the comparison proves less than it claims.
  for (const outcome of ['success', 'TreasuryBudgetExceeded', 'TreasuryNoBudget', 'PaymentPolicyRecipientBlocked', 'PaymentPolicyAmountAboveMax', 'PaymentPolicyFirstPaymentAboveMax', 'PaymentPolicyDailyCapExceeded', 'TreasuryZeroAmount']) {
    expect(seen.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
  }
}, 600_000);

/** Addresses compared case-insensitively; everything else as is. */
function normalise(args: readonly unknown[]): unknown[] {
  return args.map((arg) => (typeof arg === 'string' ? arg.toLowerCase() : arg));
}
