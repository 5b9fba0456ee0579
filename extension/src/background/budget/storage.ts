import type { KeyValueArea } from '../store/areas.js';
import { storedValue } from '../store/StoredValue.js';
import type { BudgetState } from './Budgets.js';

export const budgetItem = (area: Promise<KeyValueArea>) => storedValue<BudgetState>(area, 'budgets', { budgets: [], alerted: [] });
