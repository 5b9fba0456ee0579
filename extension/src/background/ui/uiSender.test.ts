import { describe, expect, test } from 'vitest';
import { UI_ACCESS, uiAllowed, uiSenderOf } from './uiSender.js';

const ID = 'omendaapejghhkgnkdlelhepljclklpf';
const ours = { id: ID, baseUrl: `chrome-extension://${ID}/` };
const page = (path: string, extra: object = {}) => ({ id: ID, url: `chrome-extension://${ID}${path}`, origin: `chrome-extension://${ID}`, ...extra });

describe('uiSenderOf (who may use the wallet-page channel)', () => {
  test.each([
    { title: 'the popup', sender: page('/popup.html'), expected: { page: 'popup', approvalId: null } },
    { title: 'the onboarding tab', sender: page('/onboarding.html', { tab: { id: 3 } }), expected: { page: 'onboarding', approvalId: null } },
    { title: 'a confirmation window, with the approval it shows', sender: page('/approval.html?id=abc', { tab: { id: 4 } }), expected: { page: 'approval', approvalId: 'abc' } },
    { title: 'Firefox (no sender.origin)', sender: { id: ID, url: `chrome-extension://${ID}/popup.html` }, expected: { page: 'popup', approvalId: null } },
    { title: 'our own content script in a web page', sender: { id: ID, url: 'https://shop.example/', origin: 'https://shop.example', tab: { id: 1 }, frameId: 0 }, expected: null },
    { title: 'a content script on a page whose URL mentions ours', sender: { id: ID, url: `https://evil.example/chrome-extension://${ID}/popup.html`, origin: 'https://evil.example', tab: { id: 1 } }, expected: null },
    { title: 'another extension', sender: { id: 'another', url: `chrome-extension://another/popup.html` }, expected: null },
    { title: 'another extension claiming our URL', sender: { id: 'another', url: `chrome-extension://${ID}/popup.html` }, expected: null },
    { title: 'an extension page with a foreign origin', sender: page('/popup.html', { origin: 'https://evil.example' }), expected: null },
    { title: 'one of our files that is not a wallet page', sender: page('/background.js'), expected: null },
    { title: 'no sender', sender: undefined, expected: null },
    { title: 'no URL', sender: { id: ID }, expected: null },
  ])('$title', ({ sender, expected }) => {
    expect(uiSenderOf(sender as never, ours)).toEqual(expected);
  });
});

describe('uiAllowed (which page may ask for what)', () => {
  test('the new phrase is for the onboarding page only', () => {
    expect(UI_ACCESS.newPhrase).toEqual(['onboarding']);
    expect(uiAllowed('newPhrase', null, { page: 'onboarding', approvalId: null })).toBe(true);
    expect(uiAllowed('newPhrase', null, { page: 'popup', approvalId: null })).toBe(false);
    expect(uiAllowed('newPhrase', null, { page: 'approval', approvalId: 'x' })).toBe(false);
  });

  test('a confirmation window reads and answers only the approval it shows', () => {
    const window = { page: 'approval' as const, approvalId: 'abc' };
    expect(uiAllowed('getApproval', { id: 'abc' }, window)).toBe(true);
    expect(uiAllowed('resolveApproval', { id: 'abc', decision: { approved: true } }, window)).toBe(true);
    expect(uiAllowed('resolveApproval', { id: 'other', decision: { approved: true } }, window)).toBe(false);
    expect(uiAllowed('resolveApproval', { id: 'abc' }, { page: 'popup', approvalId: null })).toBe(false);
    expect(uiAllowed('getApproval', null, window)).toBe(false);
  });

  test('the confirmation window cannot change settings, sites or accounts', () => {
    const window = { page: 'approval' as const, approvalId: 'abc' };
    for (const action of ['saveSettings', 'revokeSite', 'selectAccount', 'addAccount', 'createWallet', 'lock'] as const) expect(uiAllowed(action, {}, window)).toBe(false);
    expect(uiAllowed('unlock', { password: 'x' }, window)).toBe(true);
  });
});
