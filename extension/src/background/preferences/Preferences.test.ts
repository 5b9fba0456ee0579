import { describe, expect, test } from 'vitest';
import { parseExplorerUrl } from './Preferences.js';

describe('parseExplorerUrl', () => {
  test('an http(s) base address, without a trailing slash; empty removes it', () => {
    expect(parseExplorerUrl('https://etherscan.io/')).toBe('https://etherscan.io');
    expect(parseExplorerUrl(' http://127.0.0.1:4000/explorer ')).toBe('http://127.0.0.1:4000/explorer');
    expect(parseExplorerUrl('')).toBeNull();
  });

  test('no script, data or file links, no query or fragment', () => {
    expect(() => parseExplorerUrl('javascript:alert(1)')).toThrow('must start with https://');
    expect(() => parseExplorerUrl('data:text/html,hi')).toThrow('must start with https://');
    expect(() => parseExplorerUrl('https://x.example/?next=evil')).toThrow('without ? or #');
    expect(() => parseExplorerUrl(42)).toThrow('Enter the block explorer address');
  });
});
