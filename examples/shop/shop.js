// The demo shop: finds a wallet through EIP-6963, asks for payments through EIP-1193, and shows
// what happened to each one.
const PRODUCTS = [
  { id: 'espresso', name: 'Espresso', price: '0.002', currency: 'ETH' },
  { id: 'croissant', name: 'Croissant', price: '0.004', currency: 'ETH' },
  { id: 'beans', name: 'Coffee beans, 1 kg', price: '12', currency: 'cgUSD' },
  { id: 'mug', name: 'Corner Coffee mug', price: '25', currency: 'cgUSD' },
  { id: 'machine', name: 'Espresso machine', price: '1.5', currency: 'ETH' },
];

export const config = await fetch('/config.json').then((response) => response.json());
document.getElementById('merchant').textContent = config.merchant;

/** Wallets announced on this page, by rdns. */
const wallets = new Map();
window.addEventListener('eip6963:announceProvider', (event) => {
  wallets.set(event.detail.info.rdns, event.detail);
  const names = [...wallets.values()].map((wallet) => wallet.info.name).join(', ');
  document.getElementById('wallet-status').textContent = `Wallet found: ${names}`;
});
window.dispatchEvent(new Event('eip6963:requestProvider'));

export function wallet() {
  const chosen = wallets.get('org.commonguard.wallet') ?? wallets.values().next().value;
  if (!chosen) throw new Error('No wallet found. Install the CommonGuard extension and reload.');
  return chosen.provider;
}

/** Decimal string → integer in base units ("0.002", 18 → 2000000000000000n). */
function toUnits(amount, decimals) {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
}

export const hex = (value) => `0x${value.toString(16)}`;

async function pay(product) {
  const provider = wallet();
  const [from] = await provider.request({ method: 'eth_requestAccounts' });
  const chainId = await provider.request({ method: 'eth_chainId' });
  if (Number(chainId) !== config.chainId) throw new Error(`The wallet is on chain ${Number(chainId)}; this shop takes payments on ${config.chainId}.`);
  if (product.currency === 'ETH') {
    return provider.request({ method: 'eth_sendTransaction', params: [{ from, to: config.merchant, value: hex(toUnits(product.price, 18)) }] });
  }
  if (!config.token) throw new Error('This chain has no demo stablecoin.');
  const data = `0xa9059cbb${config.merchant.slice(2).toLowerCase().padStart(64, '0')}${toUnits(product.price, 6).toString(16).padStart(64, '0')}`;
  return provider.request({ method: 'eth_sendTransaction', params: [{ from, to: config.token, data }] });
}

async function waitForReceipt(hash) {
  const provider = wallet();
  for (let attempt = 0; attempt < 60; attempt++) {
    const receipt = await provider.request({ method: 'eth_getTransactionReceipt', params: [hash] });
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}

export function show(element, ok, text) {
  element.className = `result ${ok ? 'ok' : 'fail'}`;
  element.dataset.state = ok ? 'paid' : 'failed';
  element.textContent = text;
}

/**
 * A wallet's refusal as the shopper reads it: the wallet's message is already in sentences. The
 * error's code (and its data, such as the rule a community wallet applied) is for the developer:
 * kept on the element and in the console, not in the text.
 */
export function showRefusal(element, error) {
  const message = String(error?.message ?? 'The wallet did not answer.').trim();
  show(element, false, `Not paid. ${/[.!?]$/.test(message) ? message : `${message}.`}`);
  element.dataset.code = String(error?.code ?? '');
  if (error?.data !== undefined) element.dataset.error = JSON.stringify(error.data);
  console.info('wallet refused the payment', { code: error?.code, data: error?.data });
}

const list = document.getElementById('products');
for (const product of PRODUCTS) {
  const card = document.createElement('article');
  card.className = 'product';
  card.innerHTML = `<h2></h2><p class="price"></p><button data-testid="pay-${product.id}">Pay</button><p class="result" data-testid="result-${product.id}"></p>`;
  card.querySelector('h2').textContent = product.name;
  card.querySelector('.price').textContent = `${product.price} ${product.currency}`;
  const result = card.querySelector('.result');
  card.querySelector('button').addEventListener('click', async () => {
    result.className = 'result';
    result.textContent = 'Waiting for the wallet…';
    try {
      const hash = await pay(product);
      result.textContent = `Sent ${hash.slice(0, 10)}…, waiting for the chain…`;
      const receipt = await waitForReceipt(hash);
      show(result, receipt?.status === '0x1', receipt?.status === '0x1' ? `Paid ✔ (block ${Number(receipt.blockNumber)}, tx ${hash})` : `The payment failed on chain (tx ${hash}).`);
    } catch (error) {
      showRefusal(result, error);
    }
  });
  list.append(card);
}

const tip = document.getElementById('tip-link');
tip.href = `ethereum:${config.merchant}@${config.chainId}?value=1e15`;
// The wallet opens the payment itself; it tells the link how it went.
tip.addEventListener('commonguard:payment', (event) => {
  const { result, error } = event.detail;
  const element = document.getElementById('tip-result');
  if (error) showRefusal(element, error);
  else show(element, true, `Tip sent ✔ (tx ${result})`);
});
