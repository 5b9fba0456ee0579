import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { generatedAbisPath, renderAbis } from '../../scripts/generate-abis.js';
import * as abis from './generated.js';

test('the committed ABIs match the compiled contracts (run `pnpm --dir sdk generate` if not)', () => {
  expect(readFileSync(generatedAbisPath, 'utf8') === renderAbis()).toBe(true);
});

test('each ABI has the functions its consumers call', () => {
  const names = (abi: readonly { type: string; name?: string }[]) =>
    new Set(abi.filter((item) => item.type === 'function').map((item) => item.name));
  expect(names(abis.paymentPolicyAbi)).toContain('snapshot');
  expect(names(abis.treasuryAbi)).toContain('payoutBatch');
  expect(names(abis.communityGovernorAbi)).toContain('castVoteWithReason');
  expect(names(abis.communityTokenAbi)).toContain('delegate');
  expect(names(abis.timelockControllerAbi)).toContain('getMinDelay');
  expect(names(abis.demoStablecoinAbi)).toContain('mint');
  expect(names(abis.demoStablecoinAbi)).toContain('transferWithAuthorization');
  expect(names(abis.communityFactoryAbi)).toContain('createCommunity');
});
