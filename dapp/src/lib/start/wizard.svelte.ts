import type { CommunityConfigField } from '@commonguard/sdk';
import type { Address } from 'viem';
import type { TokenInfo } from '../chain/tokens.js';
import { type BuiltConfig, type WizardFields, buildConfig } from './config.js';
import { type DecisionFields, type Preset, presetFields } from './decisions.js';
import { type FactoryVerdict, checkWithFactory } from './factory.js';
import { type MemberRow, checkMembers, memberRow, parseMembersCsv } from './members.js';
import { defaultLevels, defaultLimits } from './payments.js';

export const steps = [
  { id: 'name', title: 'Name' },
  { id: 'members', title: 'Members' },
  { id: 'decisions', title: 'Decisions' },
  { id: 'payments', title: 'Payment rules' },
  { id: 'summary', title: 'Summary' },
] as const;
export type StepId = (typeof steps)[number]['id'];

/** Which step shows a problem about a config field (the factory's field names, and the form's own keys). */
const stepOfField: Record<string, StepId> = {
  name: 'name',
  tokenName: 'name',
  tokenSymbol: 'name',
  holders: 'members',
  votingDelay: 'decisions',
  votingPeriod: 'decisions',
  lateQuorumExtension: 'decisions',
  quorumNumerator: 'decisions',
  timelockDelay: 'decisions',
  proposalThreshold: 'decisions',
  thresholds: 'payments',
  warnAt: 'payments',
  blockAt: 'payments',
  tokenLimits: 'payments',
} satisfies Record<CommunityConfigField, StepId> & Record<string, StepId>;

export function stepOf(key: string): StepId {
  return stepOfField[key] ?? stepOfField[key.split('.')[0]!] ?? 'summary';
}

/** A typed row of the members list. */
export type TypedMember = { address: string; votes: string };

/**
 * The wizard's answers and what the factory says about them. Every change rebuilds the config and,
 * once every box reads, asks the factory (`checkConfig`, one `eth_call`) a moment after typing stops.
 */
export class Wizard {
  step = $state<StepId>('name');
  name = $state('');
  tokenName = $state('');
  tokenSymbol = $state('');
  membersMode = $state<'typed' | 'pasted'>('typed');
  typed = $state<TypedMember[]>([{ address: '', votes: '' }]);
  pasted = $state('');
  preset = $state<Preset['id'] | 'custom'>('small');
  decisions = $state<DecisionFields>(presetFields('small'));
  limits = $state<{ maxSinglePayment: string; dailyCap: string; maxFirstPayment: string }[]>([]);
  levels = $state({ ...defaultLevels });
  tokens = $state.raw<TokenInfo[]>([]);

  /** The factory's latest answer, for the config it was asked about. */
  verdict = $state.raw<FactoryVerdict | null>(null);
  checking = $state(false);
  #asked = 0;

  constructor(tokens: TokenInfo[]) {
    this.setTokens(tokens);
  }

  setTokens(tokens: TokenInfo[]) {
    this.tokens = tokens;
    this.limits = tokens.map((token) => {
      const { maxSinglePayment, dailyCap, maxFirstPayment } = defaultLimits(token);
      return { maxSinglePayment, dailyCap, maxFirstPayment };
    });
  }

  choosePreset(id: Preset['id']) {
    this.preset = id;
    this.decisions = presetFields(id);
  }

  /** Members as read: the typed rows (blank ones ignored) or the pasted list, checked together. */
  members = $derived.by(() => {
    const rows: MemberRow[] =
      this.membersMode === 'pasted'
        ? parseMembersCsv(this.pasted)
        : this.typed
            .map((row, index) => ({ row, line: index + 1 }))
            .filter(({ row }) => row.address.trim() !== '' || row.votes.trim() !== '')
            .map(({ row, line }) => memberRow(row.address, row.votes, line));
    return checkMembers(rows);
  });

  fields = $derived.by<WizardFields>(() => ({
    name: this.name,
    tokenName: this.tokenName,
    tokenSymbol: this.tokenSymbol,
    members: this.members.rows,
    decisions: this.decisions,
    limits: this.tokens.map((token, i) => ({ token, ...(this.limits[i] ?? { maxSinglePayment: '', dailyCap: '', maxFirstPayment: '' }) })),
    levels: this.levels,
  }));

  built = $derived.by<BuiltConfig>(() => buildConfig(this.fields));

  /** What does not read in one box (shown beside it); the factory's refusal is shown once per step. */
  problem(key: string): string | null {
    return this.built.problems[key] ?? null;
  }

  /** The factory's refusal, when it is about a field on `step`. */
  refusalOn(step: StepId): string | null {
    const verdict = this.verdict;
    return verdict?.kind === 'refused' && stepOf(verdict.field ?? '') === step ? verdict.message : null;
  }

  /** Whether anything on `step` does not read or is refused. */
  blocked(step: StepId): boolean {
    return this.refusalOn(step) !== null || Object.keys(this.built.problems).some((key) => stepOf(key) === step);
  }

  /** Ready to create: everything reads and the factory said the config is safe. */
  get ready(): boolean {
    return this.built.config !== null && this.verdict?.kind === 'safe' && !this.checking;
  }

  /** Asks the factory about the current config (the page calls this, debounced, on every change). */
  async check(client: Parameters<typeof checkWithFactory>[0], factory: Address, explain: (e: unknown) => string): Promise<void> {
    const config = this.built.config;
    const asked = ++this.#asked;
    if (!config) {
      this.verdict = null;
      this.checking = false;
      return;
    }
    this.checking = true;
    const verdict = await checkWithFactory(client, factory, config, this.tokens, explain);
    // An older answer must not overwrite a newer question's.
    if (asked !== this.#asked) return;
    this.verdict = verdict;
    this.checking = false;
  }
}
