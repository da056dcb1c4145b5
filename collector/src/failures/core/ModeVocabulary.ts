/**
 * Which failure modes of one place (category, workflow, tool) use which words, so that word
 * similarity can weigh a word by how specific it is there: a word every mode of the tool uses
 * (the tool's nouns, "request", "exceeds") counts for 1/n of a word only one mode uses. Two causes
 * of one tool that share only its common words then stay apart; with one mode in a place every
 * word weighs 1 and the similarity is plain Dice.
 */
export class ModeVocabulary {
  private readonly wordsOfMode = new Map<string, Set<string>>();
  private readonly modesUsing = new Map<string, Map<string, number>>();

  /** Notes that a mode of `place` uses `words` (a template of it founded or restored). */
  add(place: string, modeId: string, words: readonly string[]): void {
    let own = this.wordsOfMode.get(modeId);
    if (!own) {
      own = new Set();
      this.wordsOfMode.set(modeId, own);
    }
    const counts = this.countsOf(place);
    for (const word of words) {
      if (own.has(word)) continue;
      own.add(word);
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }

  /** `from` was merged into `into`: its words are now the survivor's. */
  merge(place: string, fromId: string, intoId: string): void {
    const from = this.wordsOfMode.get(fromId);
    if (!from) return;
    this.wordsOfMode.delete(fromId);
    const counts = this.countsOf(place);
    for (const word of from) counts.set(word, counts.get(word)! - 1);
    this.add(place, intoId, [...from]);
  }

  /** Dice similarity of two sorted word lists, each word weighted by 1 / (modes of `place` using it). */
  similarity(place: string, a: readonly string[], b: readonly string[]): number {
    if (a.length === 0 && b.length === 0) return 1;
    const counts = this.modesUsing.get(place);
    let shared = 0;
    let total = 0;
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i]! < b[j]!)) total += weightIn(counts, a[i++]!);
      else if (i >= a.length || b[j]! < a[i]!) total += weightIn(counts, b[j++]!);
      else {
        const w = weightIn(counts, a[i]!);
        shared += 2 * w;
        total += 2 * w;
        i++;
        j++;
      }
    }
    return total === 0 ? 0 : shared / total;
  }

  private countsOf(place: string): Map<string, number> {
    let counts = this.modesUsing.get(place);
    if (!counts) {
      counts = new Map();
      this.modesUsing.set(place, counts);
    }
    return counts;
  }
}

function weightIn(counts: ReadonlyMap<string, number> | undefined, word: string): number {
  return 1 / Math.max(1, counts?.get(word) ?? 0);
}
