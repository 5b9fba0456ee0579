// A fixed deployment and directory for pure unit tests (no chain needed).
import type { Deployment } from '../src/lib/chain/config.js';
import { Directory, defaultNames } from '../src/lib/chain/tokens.js';

export const testDeployment: Deployment = {
  chainId: 31337,
  deploymentBlock: 0,
  contracts: {
    timelock: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    communityToken: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    communityGovernor: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
    paymentPolicy: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9',
    treasury: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
    demoStablecoin: '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707',
  },
};

export function testDirectory(): Directory {
  const c = testDeployment.contracts;
  const dir = new Directory(
    [
      { address: c.demoStablecoin!, symbol: 'cgUSD', decimals: 6 },
      { address: c.communityToken, symbol: 'CGV', decimals: 18 },
    ],
    { ...defaultNames(testDeployment), '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955': 'Corner Coffee' },
  );
  dir.governanceToken = c.communityToken;
  return dir;
}
