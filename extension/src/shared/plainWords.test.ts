import { describe, expect, test } from 'vitest';
import { plainProblem } from './plainWords.js';

describe('plainProblem', () => {
  test('an unreachable RPC says to open Settings, with the technical reason kept as details', () => {
    const problem = plainProblem('read your balances', 'the chain (RPC) is unreachable');
    expect(problem.message).toBe('Could not read your balances: the wallet cannot reach its network. Open Settings and check the RPC address, or try again later.');
    expect(problem.details).toBe('the chain (RPC) is unreachable');
    expect(problem.openSettings).toBe(true);
  });

  test('a wrong policy address or a wrong RPC that answers is named as such, never with contract function names', () => {
    const problem = plainProblem('check the community rules', 'An unknown error occurred while executing the contract function "snapshot"... reverted');
    expect(problem.message).toContain('the community rules were not found at the configured address. Open Settings');
    expect(problem.message).not.toMatch(/snapshot|contract function/);
  });
});
