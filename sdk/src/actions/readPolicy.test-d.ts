import { http, createPublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { readPolicy } from './readPolicy.js';

const client = createPublicClient({ chain: foundry, transport: http() });
const address = '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9';

// One block selector at a time.
readPolicy(client, { address, blockNumber: 1n });
readPolicy(client, { address, blockTag: 'safe' });
// @ts-expect-error blockNumber and blockTag exclude each other
readPolicy(client, { address, blockNumber: 1n, blockTag: 'latest' });

// Amounts are bigints, thresholds numbers.
export async function types() {
  const policy = await readPolicy(client, { address });
  const version: bigint = policy.version;
  const warnAt: number = policy.warnAt;
  const max: bigint | undefined = policy.tokenLimits[0]?.maxSinglePayment;
  // @ts-expect-error the version is a bigint, not a number
  const wrong: number = policy.version;
  return { version, warnAt, max, wrong };
}
