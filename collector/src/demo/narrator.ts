/** How the demo talks to the person running it: numbered steps, indented facts, progress bars. */
export interface Narrator {
  step(title: string): void;
  say(line: string): void;
  /** A progress bar for `total` items; call the result with the count done. */
  progress(label: string, total: number): (done: number) => void;
}

export function terminalNarrator(stream: NodeJS.WriteStream = process.stdout, totalSteps = 10): Narrator {
  let stepNumber = 0;
  const tty = stream.isTTY === true;
  return {
    step(title) {
      stepNumber++;
      const heading = `[${stepNumber}/${totalSteps}] ${title}`;
      stream.write(`\n${tty ? `\x1b[1m${heading}\x1b[0m` : heading}\n`);
    },
    say(line) {
      stream.write(`  ${line}\n`);
    },
    progress(label, total) {
      let shownQuarter = -1;
      return (done) => {
        const share = total === 0 ? 1 : Math.min(1, done / total);
        if (tty) {
          const width = 30;
          const filled = Math.round(share * width);
          stream.write(`\r  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
          if (done >= total) stream.write('\n');
          return;
        }
        // Without a terminal (CI logs, pipes) a line at every quarter is progress enough.
        const quarter = Math.floor(share * 4);
        if (quarter > shownQuarter) {
          shownQuarter = quarter;
          stream.write(`  ${label}: ${done}/${total}\n`);
        }
      };
    },
  };
}

/** A narrator that keeps nothing: for tests, which read the store instead. */
export const silentNarrator: Narrator = { step: () => undefined, say: () => undefined, progress: () => () => undefined };
