// The median of repeated measurements, which the benchmarks report so that one slow run (a garbage
// collection, a busy machine) does not move the figure.

/** The median of `numbers` (the mean of the two middle ones for an even count). */
export function median(numbers) {
  if (!numbers.length) throw new Error('median of no numbers');
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
