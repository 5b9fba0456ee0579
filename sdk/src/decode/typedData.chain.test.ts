import { createPublicClient, createTestClient, createWalletClient, http, parseEther, parseSignature } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { expect, inject, test } from 'vitest';
import { communityTokenAbi } from '../abis/generated.js';
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
