import { cpus, loadavg } from 'node:os';

/** The machine a figure was measured on, and how busy it was: figures only compare alongside these. */
export function machineLine(): string {
  const cores = cpus();
  return `machine: ${cores.length} cores, ${cores[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}; ${loadLine()}`;
}

export function loadLine(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;
}

/** One line per target: met or not, with the figure and its bound. */
export function verdict(name: string, value: number, bound: string, met: boolean): string {
  return `  ${met ? 'MET    ' : 'NOT MET'}  ${name}: ${value.toLocaleString('en', { maximumFractionDigits: 2 })} (target ${bound})`;
}
