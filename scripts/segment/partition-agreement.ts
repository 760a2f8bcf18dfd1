/**
 * Agreement between two partitions of the same items, for comparing found segments with planted ones
 * and for stability reports.
 */

/**
 * Adjusted Rand index (Hubert & Arabie, 1985): the Rand index corrected for chance, 1 for identical
 * partitions (whatever the label values), about 0 for independent ones, negative when worse than chance.
 * Label values are arbitrary numbers; only equality matters. Computed, as scikit-learn does, from the
 * pair confusion matrix, which needs no special case beyond full agreement.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `adjustedRandIndex: the partitions have ${a.length} and ${b.length} items; expected equal lengths.`,
    );
  }
  const n = a.length;
  const rowSizes = new Map<number, number>();
  const columnSizes = new Map<number, number>();
  const cells = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    rowSizes.set(a[i], (rowSizes.get(a[i]) ?? 0) + 1);
    columnSizes.set(b[i], (columnSizes.get(b[i]) ?? 0) + 1);
    let row = cells.get(a[i]);
    if (!row) {
      row = new Map();
      cells.set(a[i], row);
    }
    row.set(b[i], (row.get(b[i]) ?? 0) + 1);
  }

  let sumCellSquares = 0;
  for (const row of cells.values()) for (const count of row.values()) sumCellSquares += count * count;
  let sumRowSquares = 0;
  for (const size of rowSizes.values()) sumRowSquares += size * size;
  let sumColumnSquares = 0;
  for (const size of columnSizes.values()) sumColumnSquares += size * size;

  // Ordered pairs: together in both, only in b, only in a, apart in both.
  const bothTogether = sumCellSquares - n;
  const onlyB = sumColumnSquares - sumCellSquares;
  const onlyA = sumRowSquares - sumCellSquares;
  const bothApart = n * n - onlyA - onlyB - sumCellSquares;

  if (onlyA === 0 && onlyB === 0) return 1;
  return (
    (2 * (bothTogether * bothApart - onlyA * onlyB)) /
    ((bothTogether + onlyA) * (onlyA + bothApart) + (bothTogether + onlyB) * (onlyB + bothApart))
  );
}
