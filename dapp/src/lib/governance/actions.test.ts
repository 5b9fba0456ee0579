import { describe, expect, test } from 'vitest';
import { encodeFunctionData, parseEther, parseUnits, zeroAddress } from 'viem';
import { communityTokenAbi, paymentPolicyAbi, treasuryAbi } from '../chain/abis.js';
import { testDeployment as d, testDirectory } from '../../../test/testDeployment.js';
import { describeAction } from './actions.js';
import { buildAction, checkField, template } from './templates.js';

const dir = testDirectory();
const c = d.contracts;
const usd = (n: string) => parseUnits(n, 6);
const coffee = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955';
const say = (target: `0x${string}`, abi: any, functionName: string, args: unknown[], value = 0n) =>
  describeAction({ target, value, calldata: encodeFunctionData({ abi, functionName, args }) }, d, dir).summary;

describe('actions in plain words', () => {
  test('policy changes', () => {
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setThresholds', [35, 80])).toBe('Set the warning score to 35 and the blocking score to 80');
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setTokenLimits', [c.demoStablecoin, usd('500'), usd('1000'), 0n])).toBe(
      'Set the cgUSD limits: max single payment 500 cgUSD, daily cap 1,000 cgUSD, first payment to a new recipient no limit',
    );
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setTokenLimits', [zeroAddress, parseEther('1.5'), 0n, 0n])).toContain('max single payment 1.5 ETH');
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'removeTokenLimits', [c.demoStablecoin])).toBe('Remove all payment limits for cgUSD');
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setUnlimitedApprovalsAllowed', [false])).toBe('Forbid unlimited token approvals');
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setMerchantStatus', [coffee, 1, 'Corner Coffee'])).toBe(
      'Trust merchant Corner Coffee (0x14dC…9955) — Corner Coffee',
    );
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setMerchantStatus', [coffee, 0, ''])).toBe('Remove merchant Corner Coffee (0x14dC…9955) from the list');
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setOriginStatus', ['https://evil.example', 2, 'phishing'])).toBe('Block site https://evil.example — phishing');
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setDomainStatus', ['scam.example', 2, 'phishing'])).toBe(
      'Block domain scam.example and every site under it — phishing',
    );
    expect(say(c.paymentPolicy, paymentPolicyAbi, 'setDomainStatus', ['scam.example', 0, ''])).toBe('Remove the rule for domain scam.example and its subdomains');
  });

  test('the domain template stores the normalised domain and refuses what is not one', () => {
    const built = buildAction(template('domain'), { domain: 'Scam.Example.', status: '2', note: 'phishing' }, d, dir);
    expect(built).toEqual({
      ok: true,
      action: { target: c.paymentPolicy, value: 0n, calldata: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setDomainStatus', args: ['scam.example', 2, 'phishing'] }) },
    });
    const refused = buildAction(template('domain'), { domain: 'https://scam.example', status: '2', note: '' }, d, dir);
    expect(refused).toMatchObject({ ok: false, errors: { domain: expect.stringMatching(/no https/) } });
  });

  test('the site template stores the origin a browser reports', () => {
    const built = buildAction(template('origin'), { origin: 'HTTPS://Shop.Example:443/', status: '1', note: '' }, d, dir);
    expect(built).toEqual({
      ok: true,
      action: { target: c.paymentPolicy, value: 0n, calldata: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setOriginStatus', args: ['https://shop.example', 1, ''] }) },
    });
  });

  test('treasury and token actions', () => {
    expect(say(c.treasury, treasuryAbi, 'pay', [c.demoStablecoin, coffee, usd('1000'), 'Meetup catering'])).toBe(
      'Pay 1,000 cgUSD to Corner Coffee (0x14dC…9955) — Meetup catering',
    );
    expect(say(c.treasury, treasuryAbi, 'setBudget', [coffee, c.demoStablecoin, usd('1000'), 30n * 86400n])).toBe(
      'Give treasurer Corner Coffee (0x14dC…9955) a budget of 1,000 cgUSD every 30 days',
    );
    expect(say(c.treasury, treasuryAbi, 'setBudget', [coffee, zeroAddress, 0n, 0n])).toBe('Revoke the ETH budget of treasurer Corner Coffee (0x14dC…9955)');
    expect(say(c.communityToken, communityTokenAbi, 'mint', [coffee, parseEther('25')])).toBe(
      'Mint 25 CGV governance tokens to Corner Coffee (0x14dC…9955)',
    );
  });

  test('plain ETH transfers and unknown calls', () => {
    expect(describeAction({ target: coffee, value: parseEther('0.5'), calldata: '0x' }, d, dir).summary).toBe('Send 0.5 ETH to Corner Coffee (0x14dC…9955)');
    const unknown = describeAction({ target: '0x000000000000000000000000000000000000dEaD', value: 0n, calldata: '0xdeadbeef0001' }, d, dir);
    expect(unknown.known).toBe(false);
    expect(unknown.summary).toBe('Call function 0xdeadbeef on 0x000000000000000000000000000000000000dEaD (unknown call: check the raw data)');
    // Calldata aimed at a known contract but not one of its functions is also shown as unknown.
    expect(describeAction({ target: c.treasury, value: 0n, calldata: '0x12345678' }, d, dir).known).toBe(false);
  });

  test('decoded signature is shown next to the sentence', () => {
    const decoded = describeAction({ target: c.paymentPolicy, value: 0n, calldata: encodeFunctionData({ abi: paymentPolicyAbi, functionName: 'setThresholds', args: [35, 80] }) }, d, dir);
    expect(decoded.signature).toBe('setThresholds(35, 80)');
  });
});

describe('proposal templates', () => {
  test('build the call a template describes, and decode back to the same words', () => {
    const built = buildAction(template('tokenLimits'), { token: c.demoStablecoin!, maxSinglePayment: '400', dailyCap: '1,000', maxFirstPayment: '0' }, d, dir);
    expect(built.ok).toBe(true);
    if (built.ok) expect(describeAction(built.action, d, dir).summary).toContain('max single payment 400 cgUSD, daily cap 1,000 cgUSD');
    const revoke = buildAction(template('revokeBudget'), { treasurer: coffee, token: zeroAddress }, d, dir);
    if (!revoke.ok) throw new Error('expected ok');
    expect(describeAction(revoke.action, d, dir).summary).toBe('Revoke the ETH budget of treasurer Corner Coffee (0x14dC…9955)');
  });

  test('report every bad field by name', () => {
    const built = buildAction(template('thresholds'), { warnAt: '90', blockAt: '80' }, d, dir);
    expect(built).toEqual({ ok: false, errors: { warnAt: 'The warning score must be below the blocking score.' } });
    const payout = buildAction(template('payout'), { token: c.demoStablecoin!, recipient: '0x14dc79964da2C08b23698B3D3cc7Ca32193d9955', amount: '1.1234567', memo: '' }, d, dir);
    expect(payout.ok).toBe(false);
    if (!payout.ok) {
      expect(payout.errors.recipient).toMatch(/checksum/);
      expect(payout.errors.amount).toBe('cgUSD has at most 6 decimals; you typed 7.');
    }
    expect(checkField(template('mint').fields[1], { amount: '10.5' }, d, dir)).toEqual({ ok: true, value: parseEther('10.5') });
  });
});
