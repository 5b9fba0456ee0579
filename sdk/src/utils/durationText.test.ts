import { expect, test } from 'vitest';
import { durationText } from './durationText.js';

test('says a duration in its largest whole unit', () => {
  expect(durationText(60n)).toBe('1 minute');
  expect(durationText(1_800)).toBe('30 minutes');
  expect(durationText(3_600n)).toBe('1 hour');
  expect(durationText(3n * 86_400n)).toBe('3 days');
  expect(durationText(365n * 86_400n)).toBe('365 days');
  expect(durationText(36n * 3_600n)).toBe('36 hours');
  expect(durationText(90)).toBe('90 seconds');
  expect(durationText(1)).toBe('1 second');
  expect(durationText(0)).toBe('0 seconds');
});
