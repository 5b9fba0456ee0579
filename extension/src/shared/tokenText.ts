/**
 * How the wallet shows what a token says about itself. A token's symbol, name and decimals are whatever its
 * contract returns: anyone can deploy a token whose symbol holds direction overrides (U+202E turns "DSUgc"
 * into "cgUSD" on screen and reverses the text after it), line breaks, or thousands of characters, and whose
 * `decimals()` is 100,000 (formatting that takes seconds). Every window, the popup, the history and
 * notifications show token text only through these functions.
 */

/** Decimals a token may declare and still be read; the largest real ones are 18 to 27. */
export const MAX_TOKEN_DECIMALS = 36;
/** Longest symbol shown, in characters (real ones are 2 to 8). */
export const MAX_SYMBOL_LENGTH = 12;
/** Longest token name shown, in characters. */
export const MAX_NAME_LENGTH = 32;

/** Line breaks, tabs and other spaces: read as one plain space in a name. */
const SPACING = /[\p{Zl}\p{Zp}]|[^\S ]/gu;
/** Control, format (direction overrides and isolates, zero-width joiners), private-use and unassigned characters. */
const INVISIBLE = /\p{C}/gu;
/** What a symbol may hold: letters, combining marks, digits and a few signs real symbols use. */
const NOT_SYMBOL = /[^\p{L}\p{M}\p{N}._$+-]/gu;
/** Letters of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, NKo, and their extensions). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/** First-strong isolate … pop directional isolate: the text inside cannot reorder the text around it. */
const FSI = '\u2068';
const PDI = '\u2069';

/** Whether `decimals` is a number of decimals the wallet can format (an integer from 0 to {@link MAX_TOKEN_DECIMALS}). */
export function isReadableDecimals(decimals: unknown): decimals is number {
  return typeof decimals === 'number' && Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_TOKEN_DECIMALS;
}

/**
 * A token's symbol as the wallet shows it: only letters, marks, digits and `._$+-`, at most
 * {@link MAX_SYMBOL_LENGTH} characters, or `undefined` when nothing readable is left. A symbol in a
 * right-to-left script is wrapped in a direction isolate, so it cannot reorder an amount or an address next
 * to it even where the text is not in an HTML element of its own (a notification, a title).
 */
export function sanitiseSymbol(symbol: unknown): string | undefined {
  if (typeof symbol !== 'string') return undefined;
  const kept = [...symbol.normalize('NFC').replace(NOT_SYMBOL, '')].slice(0, MAX_SYMBOL_LENGTH).join('');
  if (kept === '') return undefined;
  return RIGHT_TO_LEFT.test(kept) ? `${FSI}${kept}${PDI}` : kept;
}

/** A token's name as the wallet shows it: invisible characters removed, spaces collapsed, at most {@link MAX_NAME_LENGTH} characters. */
export function sanitiseName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const kept = [...name.normalize('NFC').replace(SPACING, ' ').replace(INVISIBLE, '').replace(/ +/g, ' ').trim()].slice(0, MAX_NAME_LENGTH).join('');
  if (kept === '') return undefined;
  return RIGHT_TO_LEFT.test(kept) ? `${FSI}${kept}${PDI}` : kept;
}

/**
 * `text` without control, direction and other invisible characters, for token text stored before the wallet
 * sanitised it (history entries): the wallet's own direction isolates (FSI, PDI) stay when they are balanced
 * pairs around the whole text, as {@link sanitiseSymbol} writes them.
 */
export function stripInvisible(text: string): string {
  const isolated = text.startsWith(FSI) && text.endsWith(PDI);
  const inner = (isolated ? text.slice(1, -1) : text).replace(SPACING, ' ').replace(INVISIBLE, '');
  return isolated && inner !== '' ? `${FSI}${inner}${PDI}` : inner;
}

/**
 * The form two symbols are compared in, to find a token that borrows a listed token's symbol: without
 * isolates, case or compatibility differences (`ｃｇＵＳＤ`, `CGUSD` and `cgUSD` are one symbol).
 */
export function symbolKey(symbol: string): string {
  return symbol.replace(/[\u2068\u2069]/g, '').normalize('NFKC').toLowerCase();
}
