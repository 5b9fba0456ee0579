import { TEMPLATES, type TemplateValues } from './templates.js';

/** A proposal being written: what the builder's fields hold. */
export type ProposalDraft = { title: string; body: string; actions: { templateId: string; values: TemplateValues }[] };

/** Where the builder keeps the draft on this device. */
export const DRAFT_STORAGE_KEY = 'commonguard:proposal-draft';
const MAX_TEXT = 20_000;
const MAX_ACTIONS = 10;

/**
 * The draft as a link fragment (`#draft=…`, base64url of JSON). A fragment never leaves the browser:
 * opening the link fills the builder without sending the draft anywhere.
 */
export function encodeDraft(draft: ProposalDraft): string {
  const bytes = new TextEncoder().encode(JSON.stringify(draft));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `draft=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * Reads a draft from a link fragment or from storage, keeping only what the builder knows: known
 * templates, their own field names, text values, bounded sizes. Anything else gives `null`.
 */
export function decodeDraft(text: string): ProposalDraft | null {
  try {
    const raw = text.startsWith('#') ? text.slice(1) : text;
    const json = raw.startsWith('draft=') ? fromBase64Url(raw.slice(6)) : raw;
    if (json.length > MAX_TEXT * 3) return null;
    return checkDraft(JSON.parse(json));
  } catch {
    return null;
  }
}

function fromBase64Url(data: string): string {
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function checkDraft(value: unknown): ProposalDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x.slice(0, MAX_TEXT) : '');
  if (!Array.isArray(v.actions) || v.actions.length === 0 || v.actions.length > MAX_ACTIONS) return null;
  const actions: ProposalDraft['actions'] = [];
  for (const a of v.actions) {
    const t = TEMPLATES.find((candidate) => candidate.id === (a as { templateId?: unknown })?.templateId);
    if (!t) return null;
    const given = ((a as { values?: unknown }).values ?? {}) as Record<string, unknown>;
    actions.push({ templateId: t.id, values: Object.fromEntries(t.fields.map((f) => [f.name, text(given[f.name]).slice(0, 2_000)])) });
  }
  return { title: text(v.title).slice(0, 300), body: text(v.body), actions };
}
