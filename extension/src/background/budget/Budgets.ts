import type { PastPayment, TokenInfo } from '@commonguard/sdk/risk';
import type { Address } from 'viem';
import { Emitter } from '../events.js';
import type { StoredValue } from '../store/StoredValue.js';
import { type BudgetCheck, type BudgetThreshold, checkBudget, type PersonalBudget, periodStart, reachedThresholds, spentInPeriod } from './budget.js';

/** What is stored: the budgets, and which alerts were already given (one per budget, period and threshold). */
export type BudgetState = { budgets: PersonalBudget[]; alerted: string[] };

export type BudgetAlert = { budget: PersonalBudget; threshold: BudgetThreshold; spent: bigint };

/** `changed`: a budget was set or removed. */
export type BudgetEvents = { changed: [] };

export type BudgetsOptions = {
  item: StoredValue<BudgetState>;
  /** Money that left the wallet (all its accounts), newest first. */
  payments: () => Promise<PastPayment[]>;
  now?: () => number;
};

/** Alerts remembered at most (older periods' keys are dropped first). */
const MAX_ALERTED = 200;

/** The shopper's personal budgets, per token: stored, checked before payments, alerting at 80 % and 100 %. */
export class Budgets {
  #item: StoredValue<BudgetState>;
  #payments: () => Promise<PastPayment[]>;
  #now: () => number;
  #events = new Emitter<BudgetEvents>();

  constructor({ item, payments, now = Date.now }: BudgetsOptions) {
    this.#item = item;
    this.#payments = payments;
    this.#now = now;
  }

  on<E extends keyof BudgetEvents>(event: E, listener: (...args: BudgetEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  async list(): Promise<PersonalBudget[]> {
    return (await this.#state()).budgets;
  }

  /** Sets the budget of `budget.token` (one per token), replacing any earlier one. */
  async set(budget: PersonalBudget): Promise<void> {
    const state = await this.#state();
    const budgets = [...state.budgets.filter((existing) => existing.token.toLowerCase() !== budget.token.toLowerCase()), budget];
    await this.#item.setValue({ ...state, budgets });
    this.#events.emit('changed');
  }

  async remove(token: Address): Promise<void> {
    const state = await this.#state();
    await this.#item.setValue({ ...state, budgets: state.budgets.filter((existing) => existing.token.toLowerCase() !== token.toLowerCase()) });
    this.#events.emit('changed');
  }

  /** Whether paying `amount` of `token` now goes over the budget (`null`: no budget for that token). */
  async check(token: Address, amount: bigint, tokenInfo: TokenInfo): Promise<BudgetCheck | null> {
    const [budgets, payments] = await Promise.all([this.list(), this.#payments()]);
    return checkBudget({ budgets, payments, token, amount, tokenInfo, now: this.#now() });
  }

  /** What was spent so far in each budget's current period. */
  async progress(): Promise<Array<{ budget: PersonalBudget; spent: bigint }>> {
    const [budgets, payments] = await Promise.all([this.list(), this.#payments()]);
    const now = this.#now();
    return budgets.map((budget) => ({ budget, spent: spentInPeriod(budget, payments, now) }));
  }

  /**
   * The alerts that are due and not given yet in this period; each is remembered, so the shopper hears
   * about 80 % and 100 % once per period and budget.
   */
  async takeDueAlerts(): Promise<BudgetAlert[]> {
    const state = await this.#state();
    const payments = await this.#payments();
    const now = this.#now();
    const due: BudgetAlert[] = [];
    const alerted = new Set(state.alerted);
    for (const budget of state.budgets) {
      const spent = spentInPeriod(budget, payments, now);
      const start = periodStart(budget.period, now);
      for (const threshold of reachedThresholds(spent, BigInt(budget.amount))) {
        const key = `${budget.token.toLowerCase()}|${budget.period}|${budget.amount}|${start}|${threshold}`;
        if (alerted.has(key)) continue;
        alerted.add(key);
        due.push({ budget, threshold, spent });
      }
    }
    // Only the highest newly reached threshold is worth a notification (100 % says more than 80 %).
    if (due.length > 0) await this.#item.setValue({ ...state, alerted: [...alerted].slice(-MAX_ALERTED) });
    return due.filter((alert) => !due.some((other) => other.budget === alert.budget && other.threshold > alert.threshold));
  }

  async #state(): Promise<BudgetState> {
    const value = await this.#item.getValue();
    return { budgets: value?.budgets ?? [], alerted: value?.alerted ?? [] };
  }
}
