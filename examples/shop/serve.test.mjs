import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MERCHANT, startShop } from './serve.mjs';

test('serves the shop page, its script and its config from the deployment file', async () => {
  const shop = await startShop({ port: 0 });
  try {
    const base = `http://127.0.0.1:${shop.port}`;
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Corner Coffee/);
    assert.equal((await fetch(`${base}/shop.js`)).headers.get('content-type'), 'text/javascript; charset=utf-8');
    const config = await (await fetch(`${base}/config.json`)).json();
    assert.equal(config.chainId, 31337);
    assert.equal(config.merchant, MERCHANT);
    assert.match(config.token, /^0x[0-9a-fA-F]{40}$/);
    assert.equal((await fetch(`${base}/../package.json`)).status, 404);
    assert.equal((await fetch(`${base}/serve.mjs`)).status, 404);
  } finally {
    await shop.close();
  }
});
