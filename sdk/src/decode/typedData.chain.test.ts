import { type Hex, createPublicClient, createTestClient, createWalletClient, http, keccak256, parseEther, parseSignature, toHex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { communityTokenAbi, demoStablecoinAbi } from '../abis/generated.js';
import { anvilDeployerPrivateKey } from '../testing/deployContracts.js';
import { EIP3009_TYPES } from './eip3009.js';
import { decodeTypedData } from './index.js';

// Accounts beyond anvil's ten funded ones, so no other test shares their nonces or allowances.
const mnemonic = 'test test test test test test test test test test test junk';
const owner = mnemonicToAccount(mnemonic, { addressIndex: 21 });
const relayer = mnemonicToAccount(mnemonic, { addressIndex: 22 });
const spender = mnemonicToAccount(mnemonic, { addressIndex: 23 }).address;

test('a permit signed from the decoder\'s definition is accepted by the deployed CommunityToken', async () => {
  const rpcUrl = inject('rpcUrl');
  const token = inject('deployment').contracts.communityToken;
  const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
  await createTestClient({ chain: foundry, mode: 'anvil', transport: http(rpcUrl) }).setBalance({ address: relayer.address, value: parseEther('1') });

  // The page builds the request as a dApp does: the domain from the token's own ERC-5267 answer.
  const [, name, version, chainId, verifyingContract] = await client.readContract({ address: token, abi: communityTokenAbi, functionName: 'eip712Domain' });
  const nonce = await client.readContract({ address: token, abi: communityTokenAbi, functionName: 'nonces', args: [owner.address] });
  const block = await client.getBlock();
  const deadline = block.timestamp + 3600n;
  const page = JSON.stringify({
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    domain: { name, version, chainId: Number(chainId), verifyingContract },
    message: { owner: owner.address, spender, value: '1234500000000000000', nonce: nonce.toString(), deadline: deadline.toString() },
  });

  const decoded = decodeTypedData(page);
  expect(decoded).toMatchObject({ standard: 'erc2612Permit', signer: owner.address, effects: [{ kind: 'allowance', token, spender, amount: 1_234_500_000_000_000_000n }] });
  const { v, r, s } = parseSignature(await owner.signTypedData(decoded.definition as never));

  const wallet = createWalletClient({ account: relayer, chain: foundry, transport: http(rpcUrl) });
  const hash = await wallet.writeContract({
    address: token,
    abi: communityTokenAbi,
    functionName: 'permit',
    args: [owner.address, spender, 1_234_500_000_000_000_000n, deadline, Number(v), r, s],
  });
  expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
  expect(await client.readContract({ address: token, abi: communityTokenAbi, functionName: 'allowance', args: [owner.address, spender] })).toBe(1_234_500_000_000_000_000n);
});

test('EIP-3009 authorisations signed with the decoder\'s types are accepted by the deployed DemoStablecoin', async () => {
  const rpcUrl = inject('rpcUrl');
  const cgUsd = inject('deployment').contracts.demoStablecoin!;
  const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(rpcUrl) });
  const payer = mnemonicToAccount(mnemonic, { addressIndex: 24 });
  const payee = mnemonicToAccount(mnemonic, { addressIndex: 25 });
  await testClient.setBalance({ address: relayer.address, value: parseEther('1') });
  await testClient.setBalance({ address: payee.address, value: parseEther('1') });
  const deployer = createWalletClient({ account: privateKeyToAccount(anvilDeployerPrivateKey), chain: foundry, transport: http(rpcUrl) });
  await client.waitForTransactionReceipt({
    hash: await deployer.writeContract({ address: cgUsd, abi: demoStablecoinAbi, functionName: 'mint', args: [payer.address, 1_000_000n] }),
  });

  const [, name, version, chainId, verifyingContract] = await client.readContract({ address: cgUsd, abi: demoStablecoinAbi, functionName: 'eip712Domain' });
  const now = (await client.getBlock()).timestamp;
  const authorisation = (primaryType: 'TransferWithAuthorization' | 'ReceiveWithAuthorization', nonce: Hex) => ({
    types: EIP3009_TYPES,
    primaryType,
    domain: { name, version, chainId: Number(chainId), verifyingContract },
    message: { from: payer.address, to: payee.address, value: 50_000n, validAfter: 0n, validBefore: now + 600n, nonce },
  });
  // What a page sends: JSON with the numbers as strings. The decoder reads it as a payment to the payee.
  const transfer = authorisation('TransferWithAuthorization', keccak256(toHex('newsletter issue 1')));
  const eip712Domain = [
    { name: 'name', type: 'string' },
    { name: 'version', type: 'string' },
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
  ];
  const page = { ...transfer, types: { EIP712Domain: eip712Domain, ...transfer.types } };
  const decoded = decodeTypedData(JSON.stringify(page, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));
  expect(decoded).toMatchObject({ standard: 'eip3009Transfer', signer: payer.address, effects: [{ kind: 'assetOut', token: cgUsd, to: payee.address, amount: 50_000n }] });
  const { from, to, value, validAfter, validBefore, nonce } = transfer.message;

  // A facilitator (anyone) submits the transfer authorisation, once.
  const relay = createWalletClient({ account: relayer, chain: foundry, transport: http(rpcUrl) });
  const signature = await payer.signTypedData(decoded.definition as never);
  const hash = await relay.writeContract({ address: cgUsd, abi: demoStablecoinAbi, functionName: 'transferWithAuthorization', args: [from, to, value, validAfter, validBefore, nonce, signature] });
  expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
  expect(await client.readContract({ address: cgUsd, abi: demoStablecoinAbi, functionName: 'authorizationState', args: [payer.address, nonce] })).toBe(true);
  await expect(
    client.simulateContract({ account: relayer, address: cgUsd, abi: demoStablecoinAbi, functionName: 'transferWithAuthorization', args: [from, to, value, validAfter, validBefore, nonce, signature] }),
  ).rejects.toThrow(/DemoStablecoinAuthorizationUsedOrCanceled/);

  // A receive authorisation, signed with viem straight from the sdk's types, is taken by the payee itself.
  const receive = authorisation('ReceiveWithAuthorization', keccak256(toHex('newsletter issue 2')));
  const receiveSignature = await payer.signTypedData(receive as never);
  const payeeWallet = createWalletClient({ account: payee, chain: foundry, transport: http(rpcUrl) });
  const received = await payeeWallet.writeContract({
    address: cgUsd,
    abi: demoStablecoinAbi,
    functionName: 'receiveWithAuthorization',
    args: [from, to, value, validAfter, validBefore, receive.message.nonce, receiveSignature],
  });
  expect((await client.waitForTransactionReceipt({ hash: received })).status).toBe('success');
  expect(await client.readContract({ address: cgUsd, abi: demoStablecoinAbi, functionName: 'balanceOf', args: [payee.address] })).toBe(100_000n);
});
