import { describe, expect, test } from 'vitest';
import { decodeDraft, encodeDraft, type ProposalDraft } from './draft.js';

const draft: ProposalDraft = {
  title: 'Block the ticket seller — “Fake Fair” ✕',
  body: 'They sold **fake** tickets.',
  actions: [{ templateId: 'merchant', values: { merchant: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f', status: '2', note: 'Sold fake tickets' } }],
};

describe('proposal drafts', () => {
  test('a shared link carries the draft in its fragment and fills the builder the same', () => {
    const fragment = encodeDraft(draft);
    expect(fragment).toMatch(/^draft=[A-Za-z0-9_-]+$/);
    expect(decodeDraft(`#${fragment}`)).toEqual(draft);
  });

  test('stored JSON reads back too', () => {
    expect(decodeDraft(JSON.stringify(draft))).toEqual(draft);
  });

  test('unknown templates, foreign fields and non-text values are not taken in', () => {
    expect(decodeDraft(JSON.stringify({ ...draft, actions: [{ templateId: 'drainTreasury', values: {} }] }))).toBeNull();
    const odd = decodeDraft(JSON.stringify({ title: 5, body: 'b', actions: [{ templateId: 'thresholds', values: { warnAt: 30, blockAt: '80', onclick: 'x' } }] }));
    expect(odd).toEqual({ title: '', body: 'b', actions: [{ templateId: 'thresholds', values: { warnAt: '', blockAt: '80' } }] });
    expect(decodeDraft('#draft=%%%')).toBeNull();
    expect(decodeDraft('')).toBeNull();
  });
});
