/** How far a benchmark run has got. */
export interface BenchmarkProgress {
  runId: string;
  variant: 'baseline' | 'candidate';
  /** Case runs finished (cases × repeats in all). */
  done: number;
  total: number;
  /** Finished runs that broke: the agent threw or the scorer failed. */
  errors: number;
}

/** The default progress display: one line on stderr each time another 10% of the runs has finished. */
export function stderrProgress(): (progress: BenchmarkProgress) => void {
  let shownTenth = 0;
  return (progress) => {
    const tenth = Math.floor((10 * progress.done) / progress.total);
    if (tenth <= shownTenth && progress.done !== progress.total) return;
    shownTenth = tenth;
    process.stderr.write(
      `trumpets benchmark: ${progress.variant} run ${progress.runId.slice(0, 8)} ${Math.round((100 * progress.done) / progress.total)}% ` +
        `(${progress.done}/${progress.total} runs, ${progress.errors} ${progress.errors === 1 ? 'error' : 'errors'})\n`,
    );
  };
}
