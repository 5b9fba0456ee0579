import { durationText } from '@commonguard/sdk';
import type { Checked } from '../validation.js';

export type DurationUnit = 'minutes' | 'hours' | 'days';
export const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3_600, days: 86_400 };

/** A duration as the form holds it: a number as typed and its unit. */
export type DurationField = { amount: string; unit: DurationUnit };

/** How decisions are made, as the form holds it (every number editable). */
export type DecisionFields = {
  votingDelay: DurationField;
  votingPeriod: DurationField;
  timelockDelay: DurationField;
  lateQuorumExtension: DurationField;
  /** Percent of all votes that must take part. */
  quorum: string;
  /** Votes a member needs to make a proposal. */
  proposalThreshold: string;
};

export type Preset = { id: 'small' | 'medium' | 'cautious'; title: string; fields: DecisionFields };

const days = (amount: number): DurationField => ({ amount: String(amount), unit: 'days' });

/** Safe starting points: the factory accepts each; the numbers behind them stay editable. */
export const presets: readonly Preset[] = [
  {
    id: 'small',
    title: 'A small group',
    fields: { votingDelay: days(1), votingPeriod: days(3), timelockDelay: days(2), lateQuorumExtension: days(1), quorum: '20', proposalThreshold: '1' },
  },
  {
    id: 'medium',
    title: 'A medium-sized community',
    fields: { votingDelay: days(2), votingPeriod: days(5), timelockDelay: days(3), lateQuorumExtension: days(2), quorum: '10', proposalThreshold: '10' },
  },
  {
    id: 'cautious',
    title: 'A cautious community',
    fields: { votingDelay: days(3), votingPeriod: days(7), timelockDelay: days(7), lateQuorumExtension: days(2), quorum: '25', proposalThreshold: '10' },
  },
];

/** A copy of a preset's numbers for the form to edit. */
export function presetFields(id: Preset['id']): DecisionFields {
  const preset = presets.find((p) => p.id === id) ?? presets[0]!;
  return structuredClone(preset.fields);
}

/** A typed duration in seconds: a whole number of minutes, hours or days. */
export function durationSeconds(field: DurationField): Checked<number> {
  const text = field.amount.trim();
  if (!/^\d+$/.test(text)) return { ok: false, error: `Use a whole number of ${field.unit}, such as 3.` };
  return { ok: true, value: Number(text) * UNIT_SECONDS[field.unit] };
}

/** A whole number, with the words to say what it is when it is not one. */
export function wholeNumber(input: string, what: string): Checked<bigint> {
  const text = input.trim().replace(/[,_\s%]/g, '');
  if (!/^\d+$/.test(text)) return { ok: false, error: `${what} is a whole number, such as 10.` };
  return { ok: true, value: BigInt(text) };
}

/**
 * The rules in one line for a person: "votes open after 1 day and last 3 days, changes wait 2 days".
 * Durations that do not read yet are left out.
 */
export function describeDecisions(fields: DecisionFields): string {
  const delay = durationSeconds(fields.votingDelay);
  const period = durationSeconds(fields.votingPeriod);
  const wait = durationSeconds(fields.timelockDelay);
  if (!delay.ok || !period.ok || !wait.ok) return 'some of the times are not whole numbers yet';
  return `votes open after ${durationText(delay.value)} and last ${durationText(period.value)}, changes wait ${durationText(wait.value)}`;
}
