// The newsletter, sold per issue over x402: the page pays with the real x402 fetch client, which
// signs each EIP-3009 authorisation through the wallet. Before the first issue it asks the wallet for
// a payment session (ERC-7715 wallet_grantPermissions: 2 cgUSD a day, to this shop only), so the next
// issues are paid without a window while the wallet finds nothing to say about them.
import { config, hex, show, showRefusal, wallet } from './shop.js';

const PER_DAY = 2_000_000n; // 2 cgUSD, 6 decimals
const SESSION_DAYS = 7;
const section = document.getElementById('newsletter');
const paid = config.x402.find((resource) => resource.path === '/x402/newsletter');
if (paid && config.token) section.hidden = false;

const button = section.querySelector('button');
const issue = section.querySelector('.issue');
const result = section.querySelector('.result');
let client = null;

/** Asks the wallet once (per tab) for a payment session; a wallet without sessions still pays issue by issue, each with its window. */
async function askForSession(provider, account) {
  if (sessionStorage.getItem('newsletter-session')) return;
  try {
    const [granted] = await provider.request({
      method: 'wallet_grantPermissions',
      params: [
        {
          chainId: hex(config.chainId),
          address: account,
          expiry: Math.floor(Date.now() / 1000) + SESSION_DAYS * 86_400,
          permission: { type: 'erc20-token-periodic', data: { tokenAddress: config.token, periodAmount: hex(PER_DAY), periodDuration: 86_400, justification: 'Corner Coffee newsletter issues, 0.05 cgUSD each' } },
          rules: [{ type: 'payee', data: { address: config.merchant } }],
        },
      ],
    });
    sessionStorage.setItem('newsletter-session', granted.context);
  } catch (error) {
    // 4200: the wallet has no sessions; 4001: the reader said no. Either way each issue asks on its own.
    if (error?.code !== 4200 && error?.code !== 4001) throw error;
  }
}

/**
 * What the shop said when it did not deliver: its facilitator could not verify the payment (the reason
 * comes back in PAYMENT-REQUIRED) or could not settle it (in PAYMENT-RESPONSE).
 */
function shopRefusal(response) {
  let reason = `the shop answered ${response.status}`;
  try {
    const settled = response.headers.get('PAYMENT-RESPONSE');
    const required = response.headers.get('PAYMENT-REQUIRED');
    if (settled) reason = JSON.parse(atob(settled)).errorReason ?? reason;
    else if (required) reason = JSON.parse(atob(required)).error ?? reason;
  } catch {}
  return `Not delivered: the shop could not take the payment (${String(reason).replaceAll('_', ' ')}). Nothing was charged twice; try again in a moment.`;
}

button.addEventListener('click', async () => {
  button.disabled = true;
  result.className = 'result';
  result.textContent = 'Paying 0.05 cgUSD…';
  try {
    const provider = wallet();
    const [account] = await provider.request({ method: 'eth_requestAccounts' });
    await askForSession(provider, account);
    if (!client) {
      const { payingFetch } = await import('/x402-client.js');
      client = payingFetch({ provider, account, chainId: config.chainId, token: config.token });
    }
    const response = await client(paid.path);
    if (!response.ok) {
      show(result, false, shopRefusal(response));
      return;
    }
    const content = await response.json();
    issue.hidden = false;
    issue.querySelector('h3').textContent = content.title;
    issue.querySelector('p').textContent = content.body;
    const { settlementOf } = await import('/x402-client.js');
    const settlement = settlementOf(response);
    show(result, true, `Paid 0.05 cgUSD ✔${settlement?.transaction ? ` (tx ${settlement.transaction})` : ''}`);
  } catch (error) {
    // The x402 client wraps the wallet's refusal: show the wallet's own words.
    showRefusal(result, error?.cause ?? error);
  } finally {
    button.disabled = false;
  }
});
