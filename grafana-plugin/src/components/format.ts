/** Number formatting shared by panels and pages, so a figure reads the same everywhere. */

const MINUS = '\u2212';

function fixed(value: number, digits: number): string {
  return Math.abs(value).toFixed(digits);
}

/** A signed change: `+4.2 pts`, `−12.0 %`. */
export function formatEffect(value: number, unit: string): string {
  const sign = value > 0 ? '+' : value < 0 ? MINUS : '±';
  return `${sign}${fixed(value, 1)}${unitSuffix(unit)}`;
}

/** An interval of signed changes: `[−6.1, −0.4] pts`. */
export function formatInterval([low, high]: [number, number], unit: string): string {
  const signed = (value: number) => `${value < 0 ? MINUS : ''}${fixed(value, 1)}`;
  return `[${signed(low)}, ${signed(high)}]${unitSuffix(unit)}`;
}

/** A level: `91.0 %`, `1,240 ms`, `0.3 ms`, `$0.012`, `830 tokens`. */
export function formatLevel(value: number, unit: string): string {
  switch (unit) {
    case '%':
      return `${value.toFixed(1)} %`;
    case 'ms':
      return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
    case 'USD':
      return `$${value < 1 ? value.toPrecision(2) : value.toFixed(2)}`;
    case 'tokens':
      return `${Math.round(value).toLocaleString('en-US')} tokens`;
    default:
      return `${value.toLocaleString('en-US', { maximumFractionDigits: 3 })}${unit ? ` ${unit}` : ''}`;
  }
}

function unitSuffix(unit: string): string {
  if (unit === 'points') return ' pts';
  if (unit === 'percent') return ' %';
  return unit ? ` ${unit}` : '';
}

/** `METRIC_NAMES.latency_p95` → "Latency p95". */
export const METRIC_NAMES: Record<string, string> = {
  quality: 'Quality',
  success_rate: 'Success rate',
  escalation_rate: 'Escalation rate',
  latency_median: 'Latency median',
  latency_p50: 'Latency p50',
  latency_p95: 'Latency p95',
  cost: 'Cost',
  cost_per_episode: 'Cost per episode',
  tokens_per_episode: 'Tokens per episode',
  safety: 'Safety',
  safety_flags: 'Safety flags',
};

export function metricName(metric: string): string {
  return METRIC_NAMES[metric] ?? metric.replaceAll('_', ' ');
}

/** "3 min ago", "5 h ago", "2 d ago" from an ISO time. */
export function formatAgo(iso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} d ago`;
}
