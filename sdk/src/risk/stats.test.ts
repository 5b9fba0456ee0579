import { describe, expect, test } from 'vitest';
import { median, robustZ } from './stats.js';

describe('stats', () => {
  test.each([
    { values: [3], expected: 3 },
    { values: [3, 1, 2], expected: 2 },
    { values: [4, 1, 3, 2], expected: 2.5 },
  ])('median of $values is $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  test('robustZ ignores a single outlier in the sample', () => {
    expect(robustZ(12, [10, 11, 9, 10, 1000])).toBeLessThan(3.5);
    expect(robustZ(100, [10, 11, 9, 10, 1000])).toBeGreaterThan(3.5);
  });

  test('robustZ on identical values uses the spread floor, or is infinite without one', () => {
    expect(robustZ(5, [5, 5, 5])).toBe(0);
    expect(robustZ(6, [5, 5, 5])).toBe(Number.POSITIVE_INFINITY);
    expect(robustZ(6, [5, 5, 5], 0.5)).toBe(2);
  });
});
