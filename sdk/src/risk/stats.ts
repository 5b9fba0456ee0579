/** Median of a non-empty list (sorted copy; the input is left alone). */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Robust z-score of `x` against `sample` (Iglewicz and Hoaglin's modified z-score:
 * 0.6745 · (x − median) / MAD). A few outliers in the history barely move it, unlike mean/σ.
 * When more than half of the sample is identical, MAD is 0; then the spread is taken as the mean
 * absolute deviation, and if that is 0 too, any different value is infinitely far.
 */
export function robustZ(x: number, sample: ArrayLike<number>): number {
  const m = median(sample);
  const deviations = new Float64Array(sample.length);
  let sumAbs = 0;
  for (let i = 0; i < sample.length; i++) {
    const d = Math.abs((sample[i] as number) - m);
    deviations[i] = d;
    sumAbs += d;
  }
  const mad = median(deviations);
  if (mad > 0) return (0.6745 * (x - m)) / mad;
  const meanAbs = sumAbs / sample.length;
  if (meanAbs > 0) return (x - m) / (1.253314 * meanAbs);
  return x === m ? 0 : x > m ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
