import { browser } from '#imports';
import { UI_CHANNEL, type UiAction, type UiProtocol, type UiResponse } from './uiProtocol.js';

export class UiRequestError extends Error {
  override name = 'UiRequestError';
}

/**
 * Calls one background task from a wallet page; rejects with the background's readable message.
 * The input is sent as a plain JSON copy: Firefox's structured clone refuses the Proxy objects Svelte
 * uses for `$state` (DataCloneError), wherever in the input they are; the protocol is JSON anyway.
 */
export async function callBackground<A extends UiAction>(action: A, input: UiProtocol[A]['input']): Promise<UiProtocol[A]['output']> {
  const plain = input === null || input === undefined ? null : (JSON.parse(JSON.stringify(input)) as UiProtocol[A]['input']);
  const response = (await browser.runtime.sendMessage({ channel: UI_CHANNEL, action, input: plain })) as UiResponse<A> | undefined;
  if (!response) throw new UiRequestError('The wallet did not answer. Try again.');
  if (!response.ok) throw new UiRequestError(response.error);
  return response.output;
}
