// Turns a real chain history into a matchstick-as test: every indexed log becomes a mock event with
// the log's own address, transaction, log index, block and decoded parameters, handed to its
// handler in the order graph-node would; the assertions compare the resulting entities with what the
// chain says. A log of a community's contract is handled in the data source the factory's handler
// started for that contract (its context as created), and fails if none was started.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEventLog, toEventSelector } from 'viem';
import { parse } from 'yaml';

const subgraphDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const str = (value) => JSON.stringify(value);
const bytes = (hex) => `Bytes.fromHexString(${str(hex)})`;
const address = (hex) => `Address.fromString(${str(hex)})`;
const bigInt = (value) => `BigInt.fromString(${str(value.toString())})`;

/** An ABI value as graph-node hands it to a mapping (ethereum.Value). */
function ethereumValue(type, value) {
  if (type.endsWith('[]')) {
    const inner = type.slice(0, -2);
    if (inner === 'address') return `ethereum.Value.fromAddressArray([${value.map(address).join(', ')}])`;
    if (inner.startsWith('uint')) return `ethereum.Value.fromUnsignedBigIntArray([${value.map(bigInt).join(', ')}])`;
    if (inner === 'string') return `ethereum.Value.fromStringArray([${value.map(str).join(', ')}])`;
    if (inner === 'bytes') return `ethereum.Value.fromBytesArray([${value.map(bytes).join(', ')}])`;
    throw new Error(`no conversion for ABI type ${type}`);
  }
  if (type === 'address') return `ethereum.Value.fromAddress(${address(value)})`;
  if (type.startsWith('uint')) return `ethereum.Value.fromUnsignedBigInt(${bigInt(value)})`;
  if (type.startsWith('int')) return `ethereum.Value.fromSignedBigInt(${bigInt(value)})`;
  if (type === 'bool') return `ethereum.Value.fromBoolean(${value ? 'true' : 'false'})`;
  if (type === 'string') return `ethereum.Value.fromString(${str(value)})`;
  if (type === 'bytes') return `ethereum.Value.fromBytes(${bytes(value)})`;
  if (/^bytes\d+$/.test(type)) return `ethereum.Value.fromFixedBytes(${bytes(value)})`;
  throw new Error(`no conversion for ABI type ${type}`);
}

/** Where each data source's and template's handlers and event classes live. */
function dataSources() {
  const manifest = parse(readFileSync(join(subgraphDir, 'subgraph.yaml'), 'utf8'));
  const entry = (ds, generated) => [
    ds.name,
    {
      generated: `${generated}${ds.name}/${ds.source.abi}`,
      module: ds.mapping.file.replace(/^\.\//, '').replace(/\.ts$/, ''),
      handled: new Set(ds.mapping.eventHandlers.map((h) => h.event.slice(0, h.event.indexOf('(')))),
    },
  ];
  return Object.fromEntries([
    ...manifest.dataSources.map((ds) => entry(ds, '')),
    ...(manifest.templates ?? []).map((ds) => entry(ds, 'templates/')),
  ]);
}

/**
 * Every indexed log as a mock event handed to its handler, in chain order: the imports and the body
 * of a `replay()` function, and the decoded logs.
 * @param {{ logs: { dataSource: string, log: import('viem').Log }[], blocks: Map<bigint, any>, transactions: Map<string, any>, abis: Record<string, import('viem').Abi> }} history
 */
function replayParts(history) {
  const { logs, blocks, transactions, abis } = history;
  const sources = dataSources();
  const imports = new Map();
  const replay = [];
  const decoded = [];
  for (const { dataSource, template, log } of logs) {
    // graph-node hands a handler only the logs whose first topic is its event's signature; a log of an
    // event the data source's ABI does not declare (a clone's `Initialized`, which TimelockController's
    // ABI lacks) is no trigger at all.
    const known = abis[dataSource].some((item) => item.type === 'event' && toEventSelector(item) === log.topics[0]);
    if (!known) continue;
    const { eventName, args } = decodeEventLog({ abi: abis[dataSource], data: log.data, topics: log.topics });
    const ds = sources[dataSource];
    if (!ds.handled.has(eventName)) continue;
    const alias = `${eventName}_${dataSource}`;
    imports.set(`import { ${eventName} as ${alias} } from "../../generated/${ds.generated}"`, true);
    imports.set(`import { handle${eventName} as handle${alias} } from "../../${ds.module}"`, true);
    const inputs = abis[dataSource].find((item) => item.type === 'event' && item.name === eventName).inputs;
    const params = inputs.map((input) => `new ethereum.EventParam(${str(input.name)}, ${ethereumValue(input.type, args[input.name])})`);
    const block = blocks.get(log.blockNumber);
    const tx = transactions.get(log.transactionHash);
    replay.push(
      `  {${template ? `\n    _replayIn(${str(dataSource)}, ${str(log.address.toLowerCase())})` : ''}
    let e = place(newMockEvent(), ${str(log.address)}, ${str(log.transactionHash)}, ${log.logIndex}, ${str(log.blockNumber.toString())}, ${str(block.timestamp.toString())}, ${tx.to ? str(tx.to) : 'null'})
    e.parameters = [${params.join(', ')}]
    handle${alias}(changetype<${alias}>(e))
  }`,
    );
    decoded.push({ dataSource, eventName, args, log, tx });
  }
  const body = `// The runner's: hands the next event to the data source started for its contract (see host.mjs).
declare function _replayIn(template: string, address: string): void

function place(e: ethereum.Event, emitter: string, tx: string, logIndex: i32, block: string, timestamp: string, to: string | null): ethereum.Event {
  e.address = Address.fromString(emitter)
  e.transaction.hash = Bytes.fromHexString(tx)
  e.transaction.to = to == null ? null : Address.fromString(to!)
  e.logIndex = BigInt.fromI32(logIndex)
  e.block.number = BigInt.fromString(block)
  e.block.timestamp = BigInt.fromString(timestamp)
  return e
}

function replay(): void {
${replay.join('\n')}
}`;
  return { imports: [...imports.keys()], body, replayed: replay.length, decoded };
}

/**
 * A test module that only replays the history, so the runner's store holds exactly what the
 * mappings made of it: the entities a subgraph would serve for this chain.
 */
export function generateStoreReplay(history) {
  const { imports, body, replayed } = replayParts(history);
  const source = `// Generated by tests/chain/generate.mjs from a real anvil run; not committed.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import { describe, newMockEvent, test } from "matchstick-as/assembly/index"
${imports.join('\n')}

${body}

describe("a real chain history", () => {
  test("is replayed through the mappings", () => {
    replay()
  })
})
`;
  return { source, replayed };
}

/**
 * @param {Awaited<ReturnType<import('./scenario.mjs').runScenario>>} history
 * @returns {{ source: string, replayed: number, tests: number }}
 */
export function generateReplayTest(history) {
  const { expected } = history;
  const { imports, body, replayed, decoded } = replayParts(history);

  // eventId(): the transaction hash followed by the log index as 4 little-endian bytes (Bytes.concatI32).
  const id = (entry) => {
    const index = Buffer.alloc(4);
    index.writeInt32LE(entry.log.logIndex);
    return `${entry.log.transactionHash}${index.toString('hex')}`;
  };
  const executeTx = decoded.find((d) => d.eventName === 'ProposalExecuted').log.transactionHash;
  const policyChanges = decoded.filter((d) => d.dataSource === 'PaymentPolicy' && d.eventName !== 'OwnershipTransferred' && d.log.address.toLowerCase() === expected.policy);
  const payouts = decoded.filter((d) => d.eventName === 'PaidOut' && d.log.address.toLowerCase() === expected.treasury);
  const withParams = decoded.find((d) => d.eventName === 'VoteCastWithParams');
  const P = str(`${expected.governor}-${expected.proposalId}`);
  const G = str(expected.governor);
  const member = (account) => str(expected.governor + account.slice(2));
  const tests = [];
  const check = (name, lines) => tests.push(`  test(${str(name)}, () => {\n${lines.map((l) => `    ${l}`).join('\n')}\n  })`);

  check('the proposal is executed with the tallies the governor reports', [
    `assert.fieldEquals("Proposal", ${P}, "executed", ${str(expected.proposalState === 7 ? 'true' : 'false')})`,
    `assert.fieldEquals("Proposal", ${P}, "forVotes", ${str(expected.forVotes)})`,
    `assert.fieldEquals("Proposal", ${P}, "againstVotes", ${str(expected.againstVotes)})`,
    `assert.fieldEquals("Proposal", ${P}, "abstainVotes", ${str(expected.abstainVotes)})`,
    `assert.fieldEquals("Proposal", ${P}, "queued", "true")`,
    `assert.fieldEquals("Proposal", ${P}, "extended", ${str(expected.proposalDeadline !== expected.originalDeadline ? 'true' : 'false')})`,
    `assert.fieldEquals("Proposal", ${P}, "voteEnd", ${str(expected.proposalDeadline)})`,
    `assert.fieldEquals("Proposal", ${P}, "originalVoteEnd", ${str(expected.originalDeadline)})`,
    // Everything the queue and execute transactions left waiting was attributed.
    `assert.entityCount("PendingLinks", 0)`,
    `assert.fieldEquals("Vote", ${str(id(withParams))}, "params", ${str(withParams.args.params)})`,
  ]);
  check('every policy change of the execute transaction names the proposal; the deployment\'s do not', policyChanges.map((d) =>
    d.log.transactionHash === executeTx
      ? `assert.fieldEquals("PolicyVersion", ${str(id(d))}, "proposal", ${P})`
      : `assert.assertNull(PolicyVersion.load(${bytes(id(d))})!.proposal)`,
  ));
  check('payouts: by vote linked to the proposal, by the treasurer charged to the budget', [
    ...payouts.map((d) =>
      d.args.byVote
        ? `assert.fieldEquals("Payout", ${str(id(d))}, "proposal", ${P})`
        : `assert.fieldEquals("Payout", ${str(id(d))}, "budget", ${str(expected.budget.id)})`,
    ),
    ...payouts.map((d) => `assert.fieldEquals("Payout", ${str(id(d))}, "community", ${G})`),
    `assert.fieldEquals("Stats", ${G}, "payoutCount", ${str(String(payouts.length))})`,
    `assert.fieldEquals("Stats", ${G}, "payoutByVoteCount", ${str(String(payouts.filter((d) => d.args.byVote).length))})`,
    `assert.fieldEquals("TokenTotal", ${str(expected.governor + expected.stablecoin.slice(2))}, "totalPaid", ${str(expected.stablePaid)})`,
  ]);
  check('the budget shows the current period and its spending as the treasury computes them', [
    `assert.fieldEquals("Budget", ${str(expected.budget.id)}, "periodStart", ${str(expected.budget.periodStart)})`,
    `assert.fieldEquals("Budget", ${str(expected.budget.id)}, "spentInPeriod", ${str(expected.budget.spent)})`,
    ...decoded
      .filter((d) => d.eventName === 'BudgetSet')
      .map((d) => `assert.fieldEquals("BudgetChange", ${str(id(d))}, "proposal", ${P})`),
  ]);
  check('the current policy equals the contract\'s snapshot', [
    `assert.fieldEquals("Policy", ${str(expected.policy)}, "version", ${str(expected.policyVersion)})`,
    `assert.fieldEquals("Thresholds", ${str(expected.policy)}, "warnAt", ${str(String(expected.warnAt))})`,
    `assert.fieldEquals("Thresholds", ${str(expected.policy)}, "blockAt", ${str(String(expected.blockAt))})`,
    `assert.fieldEquals("TokenLimit", ${str(expected.policy + '0'.repeat(40))}, "maxSinglePayment", ${str(expected.ethLimits.maxSinglePayment.toString())})`,
    `assert.fieldEquals("TokenLimit", ${str(expected.policy + '0'.repeat(40))}, "dailyCap", ${str(expected.ethLimits.dailyCap.toString())})`,
    `assert.fieldEquals("MerchantStatus", ${str(expected.policy + expected.merchant.slice(2))}, "status", ${str(['Unknown', 'Trusted', 'Blocked'][expected.merchantStatus])})`,
    // The domain rule as the contract normalised it, keyed by the hash of that form.
    ...decoded
      .filter((d) => d.eventName === 'DomainStatusChanged')
      .flatMap((d) => [
        `assert.fieldEquals("DomainStatus", ${str(expected.policy + d.args.domainHash.slice(2))}, "domain", ${str(d.args.domain)})`,
        `assert.fieldEquals("DomainStatus", ${str(expected.policy + d.args.domainHash.slice(2))}, "status", "Blocked")`,
        `assert.fieldEquals("PolicyVersion", ${str(id(d))}, "proposal", ${P})`,
      ]),
  ]);
  check('every community the factory created is recorded with its contracts', history.communities.flatMap((c) => {
    const id = str(c.governor.toLowerCase());
    return [
      `assert.fieldEquals("Community", ${id}, "name", ${str(c.name)})`,
      `assert.fieldEquals("Community", ${id}, "creator", ${str(c.creator.toLowerCase())})`,
      ...['token', 'timelock', 'treasury', 'policy'].map((part) => `assert.fieldEquals("Community", ${id}, ${str(part)}, ${str(c[part].toLowerCase())})`),
    ];
  }));
  const second = expected.second;
  const S = str(`${second.governor}-${second.proposalId}`);
  const secondPayouts = decoded.filter((d) => d.eventName === 'PaidOut' && d.log.address.toLowerCase() === second.treasury);
  if (secondPayouts.length !== 1) throw new Error(`the second community made ${secondPayouts.length} payouts; the scenario makes one`);
  check('a second community\'s proposal and payout belong to it, not to the first', [
    `assert.fieldEquals("Proposal", ${S}, "community", ${str(second.governor)})`,
    `assert.fieldEquals("Proposal", ${S}, "executed", ${str(second.proposalState === 7 ? 'true' : 'false')})`,
    `assert.fieldEquals("Proposal", ${S}, "forVotes", ${str(second.forVotes)})`,
    `assert.fieldEquals("Stats", ${str(second.governor)}, "proposalCount", "1")`,
    `assert.fieldEquals("Stats", ${str(second.governor)}, "payoutCount", ${str(String(secondPayouts.length))})`,
    ...secondPayouts.flatMap((d) => [
      `assert.fieldEquals("Payout", ${str(id(d))}, "community", ${str(second.governor)})`,
      `assert.fieldEquals("Payout", ${str(id(d))}, "proposal", ${S})`,
    ]),
  ]);
  check('delegates have the voting power the token reports', [
    ...Object.entries(expected.votes).map(([account, votes]) => `assert.fieldEquals("Delegate", ${member(account)}, "votingPower", ${str(votes)})`),
    ...Object.entries(expected.delegators).map(([account, count]) => `assert.fieldEquals("Delegate", ${member(account)}, "delegatorCount", ${str(String(count))})`),
  ]);

  const source = `// Generated by tests/chain/generate.mjs from a real anvil run; not committed.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts"
import { assert, beforeAll, describe, newMockEvent, test } from "matchstick-as/assembly/index"
import { PolicyVersion } from "../../generated/schema"
${imports.join('\n')}

${body}

describe("a real chain history, replayed log by log", () => {
  beforeAll(() => {
    replay()
  })

${tests.join('\n\n')}
})
`;
  return { source, replayed, tests: tests.length };
}
