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
 * absolute deviation. `minSpread` puts a floor under the spread, so a sample of identical values
 * does not make every other value infinitely far.
 */
export function robustZ(x: number, sample: ArrayLike<number>, minSpread = 0): number {
  const m = median(sample);
  const deviations = new Float64Array(sample.length);
  let sumAbs = 0;
  for (let i = 0; i < sample.length; i++) {
    const d = Math.abs((sample[i] as number) - m);
    deviations[i] = d;
    sumAbs += d;
  }
  const mad = median(deviations);
  // 1.4826 · MAD and 1.2533 · mean absolute deviation both estimate σ for normal data.
  const sigma = Math.max(mad > 0 ? 1.4826 * mad : 1.253314 * (sumAbs / sample.length), minSpread);
  if (sigma > 0) return (x - m) / sigma;
  return x === m ? 0 : x > m ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
