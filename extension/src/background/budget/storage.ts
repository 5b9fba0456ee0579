import { perNetworkValue } from '../store/perNetworkValue.js';
import type { KeyValueArea } from '../store/areas.js';
import type { BudgetState } from './Budgets.js';

/** Budgets are kept per network: `chainId` names the network in use. */
export const budgetItem = (area: Promise<KeyValueArea>, chainId: () => Promise<number>) => perNetworkValue<BudgetState>(area, 'budgets', chainId, { budgets: [], alerted: [] });
