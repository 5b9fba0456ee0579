import localJson from '../../../deployments/31337.json' with { type: 'json' };
import { type Deployment, parseDeployment } from './parseDeployment.js';

/**
 * The deployment on a fresh local anvil (chain 31337, default mnemonic), where addresses are always
 * the same: `deployments/31337.json`, checked by {@link parseDeployment}.
 */
export const localDeployment: Deployment = /* @__PURE__ */ parseDeployment(localJson, {
  source: 'deployments/31337.json',
});
