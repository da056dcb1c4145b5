/** How well predicted clusters match known failure modes. 1 is perfect for all three. */
export interface ClusteringScores {
  /** Adjusted Rand index: pair agreement corrected for chance (0 ≈ random, 1 = identical). */
  adjustedRandIndex: number;
  /** Each cluster holds one mode only (1 − H(mode | cluster) / H(mode)). */
  homogeneity: number;
  /** Each mode sits in one cluster only (1 − H(cluster | mode) / H(cluster)). */
  completeness: number;
  modes: number;
  clusters: number;
}

/** Scores `predicted` against `truth`, two labels per item in the same order. */
export function scoreClustering(truth: readonly string[], predicted: readonly string[]): ClusteringScores {
  if (truth.length !== predicted.length) throw new Error(`truth has ${truth.length} labels, predicted ${predicted.length}`);
  const n = truth.length;
  const cells = new Map<string, number>();
  const modeSizes = new Map<string, number>();
  const clusterSizes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const mode = truth[i]!;
    const cluster = predicted[i]!;
    const cell = `${mode}\u0000${cluster}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    modeSizes.set(mode, (modeSizes.get(mode) ?? 0) + 1);
    clusterSizes.set(cluster, (clusterSizes.get(cluster) ?? 0) + 1);
  }
  return {
    adjustedRandIndex: adjustedRandIndex(n, cells, modeSizes, clusterSizes),
    homogeneity: 1 - ratio(conditionalEntropy(n, cells, clusterSizes, 1), entropy(n, modeSizes)),
    completeness: 1 - ratio(conditionalEntropy(n, cells, modeSizes, 0), entropy(n, clusterSizes)),
    modes: modeSizes.size,
    clusters: clusterSizes.size,
  };
}

const pairs = (k: number) => (k * (k - 1)) / 2;

function adjustedRandIndex(n: number, cells: Map<string, number>, rows: Map<string, number>, columns: Map<string, number>): number {
  let index = 0;
  for (const count of cells.values()) index += pairs(count);
  let rowPairs = 0;
  for (const count of rows.values()) rowPairs += pairs(count);
  let columnPairs = 0;
  for (const count of columns.values()) columnPairs += pairs(count);
  const expected = n < 2 ? 0 : (rowPairs * columnPairs) / pairs(n);
  const max = (rowPairs + columnPairs) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

function entropy(n: number, sizes: Map<string, number>): number {
  let h = 0;
  for (const size of sizes.values()) h -= (size / n) * Math.log(size / n);
  return h;
}

/** H(X | Y) where cells are keyed `mode\0cluster` and `given` holds the sizes of Y (part `givenPart` of the key). */
function conditionalEntropy(n: number, cells: Map<string, number>, given: Map<string, number>, givenPart: 0 | 1): number {
  let h = 0;
  for (const [cell, count] of cells) {
    const size = given.get(cell.split('\u0000')[givenPart]!)!;
    h -= (count / n) * Math.log(count / size);
  }
  return h;
}

/** 0/0 counts as 0 (a single mode or a single cluster carries no uncertainty to explain). */
function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
