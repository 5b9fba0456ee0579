import { type Address, bytesToHex, type Hex, hexToBytes, stringToHex } from 'viem';
import type { SiweMessage } from 'viem/siwe';
import { InvalidPayRequestError } from './errors.js';
import { checkSignIn, looksLikeSignIn, readSignIn } from './siwe.js';

/** What a `personal_sign` message is: a Sign-In with Ethereum request, plain text, or something the person cannot read. */
export type DecodedMessage =
  | {
      kind: 'signIn';
      /** The fields viem's `parseSiweMessage` found; a malformed message may miss some (a mismatch then says so). */
      siwe: Partial<SiweMessage>;
      /** The whole message. */
      text: string;
      /** Plain sentences, one per problem: another site, another account, another chain, expired, malformed. */
      mismatches: string[];
    }
  | { kind: 'text'; text: string }
  | {
      kind: 'blind';
      /** The whole message as hex bytes. */
      hex: Hex;
      /** Why the person cannot read what they sign, in plain words. */
      reason: string;
    };

/** The facts a message is checked against. */
export type DecodeMessageContext = {
  /** The asking site's origin (`https://shop.example`), from the browser; `null` when it cannot be known. */
  origin: string | null;
  /** The account that would sign. */
  account: Address;
  /** The wallet's chain. */
  chainId: number;
  /** Unix milliseconds; the current time when left out. */
  now?: number | undefined;
};

export type DecodeMessageErrorType = InvalidPayRequestError;

/** Messages longer than this are refused: a real sign-in or text message is a few hundred characters. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

const BLIND_WARNING = 'signing it may authorise anything';
// C0 and C1 control characters other than tab, line feed and carriage return: text never needs them.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Direction overrides and isolates: they make text show in another order than it is signed.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * Reads a `personal_sign` message (hex bytes, as most sites send it, or text). A 32-byte value, bytes that are not
 * UTF-8, or text with control or direction-changing characters is `blind`: the person cannot read what they
 * authorise. An EIP-4361 Sign-In with Ethereum message is `signIn`, checked against the asking site
 * (host and port), the signing account, the wallet's chain and its validity times. Anything else is `text`.
 *
 * @example
 * import { decodeMessage } from '@commonguard/sdk/decode'
 * const decoded = decodeMessage(params[0], { origin: 'https://shop.example', account, chainId: 31337 })
 * if (decoded.kind === 'signIn') decoded.mismatches // ['This sign-in is for evil.example, but the site asking is https://shop.example.']
 */
export function decodeMessage(message: string, context: DecodeMessageContext): DecodedMessage {
  if (typeof message !== 'string') throw new InvalidPayRequestError({ reason: 'the message to sign must be text or hex bytes' });
  let text = message;
  if (/^0x([0-9a-fA-F]{2})*$/.test(message)) {
    if ((message.length - 2) / 2 > MAX_MESSAGE_BYTES) throw tooLarge();
    const bytes = hexToBytes(message as Hex);
    const hex = bytesToHex(bytes);
    let decoded: string | undefined;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {}
    // 32 bytes is the size of a hash (of a transaction, an order, anything): blind unless it reads as clean text,
    // which a hash never does by chance and cannot be made to.
    if (bytes.length === 32 && (decoded === undefined || CONTROL.test(decoded) || BIDI.test(decoded) || /[\t\n\r]/.test(decoded)))
      return { kind: 'blind', hex, reason: `This is a 32-byte hash, not text: ${BLIND_WARNING}.` };
    if (decoded === undefined)
      return { kind: 'blind', hex, reason: `This is not valid text (${bytes.length} bytes of raw data): ${BLIND_WARNING}.` };
    text = decoded;
  } else if (new TextEncoder().encode(message).length > MAX_MESSAGE_BYTES) throw tooLarge();

  if (CONTROL.test(text))
    return { kind: 'blind', hex: stringToHex(text), reason: `This text contains hidden control characters: ${BLIND_WARNING}.` };
  if (BIDI.test(text))
    return {
      kind: 'blind',
      hex: stringToHex(text),
      reason: `This text contains invisible characters that change the order in which it is shown: ${BLIND_WARNING}.`,
    };
  if (looksLikeSignIn(text)) {
    const siwe = readSignIn(text);
    return { kind: 'signIn', siwe, text, mismatches: checkSignIn(text, siwe, { ...context, now: context.now ?? Date.now() }) };
  }
  return { kind: 'text', text };
}

function tooLarge(): InvalidPayRequestError {
  return new InvalidPayRequestError({ reason: `the message to sign is larger than ${MAX_MESSAGE_BYTES / 1024} KB` });
}
