// Helpers that act as a web page would: through window.ethereum.

/** Calls the provider in the page; resolves to { result } or { error: { code, message } }. */
export function request(page, method, params) {
  return page.evaluate(
    async ([method, params]) => {
      try {
        return { result: await window.ethereum.request(params === undefined ? { method } : { method, params }) };
      } catch (error) {
        // `data` only when the wallet gave some (a blocked payment's rule, for the page's developer).
        return { error: error.data === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, data: error.data } };
      }
    },
    [method, params],
  );
}

export const toHex = (value) => `0x${value.toString(16)}`;

/** Clicks a button in a wallet window that closes itself on the click (the close is not an error). */
export async function press(popup, testId) {
  try {
    await popup.getByTestId(testId).click({ noWaitAfter: true });
  } catch (error) {
    if (!/closed/i.test(String(error?.message))) throw error;
  }
}
