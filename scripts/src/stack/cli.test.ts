import { describe, expect, test } from 'vitest';
import { describeFailure, parseArguments, usage } from './cli.js';

describe('parseArguments', () => {
  test('defaults to port 8545', () => {
    expect(parseArguments([])).toEqual({ port: 8545, dappPort: 5173, shopPort: 5174 });
  });

  test('reads --port in both spellings, after an npm "--"', () => {
    expect(parseArguments(['--', '--port', '8546'])).toEqual({ port: 8546, dappPort: 5173, shopPort: 5174 });
    expect(parseArguments(['--port=9000'])).toEqual({ port: 9000, dappPort: 5173, shopPort: 5174 });
    expect(parseArguments(['--dapp-port', '6000', '--shop-port=6001'])).toEqual({ port: 8545, dappPort: 6000, shopPort: 6001 });
  });

  test('explains a bad or missing port and an unknown option', () => {
    expect(parseArguments(['--port', '70000'])).toBe('--port must be a port number from 1 to 65535, got "70000".');
    expect(parseArguments(['--port'])).toBe('--port must be a port number from 1 to 65535, got nothing.');
    expect(parseArguments(['--shop-port', 'x'])).toBe('--shop-port must be a port number from 1 to 65535, got "x".');
    expect(parseArguments(['--verbose'])).toBe(`Unknown option "--verbose".\n\n${usage}`);
    expect(parseArguments(['--dapp-port', '8545'])).toBe('The chain, the dApp and the shop need three different ports, got 8545, 8545, 5174.');
    expect(parseArguments(['--help'])).toBe(usage);
  });
});

describe('describeFailure', () => {
  const defaults = { port: 8545, dappPort: 5173, shopPort: 5174 };
  test('a busy port suggests the next one', () => {
    expect(describeFailure({ name: 'PortInUseError', port: 8545 }, defaults)).toBe(
      'port 8545 is in use — stop the other process or run with --port 8546',
    );
    expect(describeFailure({ name: 'PortInUseError', port: 5173 }, defaults)).toBe(
      'port 5173 is in use — stop the other process or run with --dapp-port 5175',
    );
    expect(describeFailure({ name: 'PortInUseError', port: 5174 }, defaults)).toBe(
      'port 5174 is in use — stop the other process or run with --shop-port 5175',
    );
    expect(describeFailure({ name: 'PortInUseError', port: 9999 }, defaults)).toBe(
      'port 9999 is in use — stop the other process that uses it',
    );
  });

  test('a missing package says how to install it', () => {
    const error = Object.assign(new Error("Cannot find package 'viem' imported from scripts/src/dev.ts"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(describeFailure(error, defaults)).toBe(
      'A dependency is missing (viem). Run `npm run dev` at the repository root: it installs what is needed.',
    );
  });

  test('other failures show their message without a stack trace', () => {
    const error = new Error('anvil is not installed.\n\nIt comes from the npm package @foundry-rs/anvil.');
    expect(describeFailure(error, defaults)).toBe(error.message);
  });
});
