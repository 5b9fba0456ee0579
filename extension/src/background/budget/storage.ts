import { storage } from '#imports';
import type { BudgetState } from './Budgets.js';

export const budgetItem = storage.defineItem<BudgetState>('local:budgets', { version: 1, fallback: { budgets: [], alerted: [] } });
