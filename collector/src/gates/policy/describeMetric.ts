const LABELS = { quality: 'Quality', latency_median: 'Typical latency', latency_p95: 'p95 latency', cost: 'Cost' } as const;

/** An effect size as policies state them: "1 point", "2.5 points", "10%". */
export function formatEffect(value: number, unit: EffectComparison['unit']): string {
  return unit === 'points' ? `${value} point${value === 1 ? '' : 's'}` : `${value}%`;
}

/** "Quality fell 5.5 points (81.0% → 75.5%; 95% CI −9.4 to −1.6 points; McNemar test (asymptotic) p = 0.002; 200 paired cases)" */
export function describeEffect(comparison: EffectComparison): string {
  const unit = comparison.unit === 'points' ? ' points' : '%';
  const direction = comparison.estimate > 0 ? 'rose' : comparison.estimate < 0 ? 'fell' : 'did not change';
  const size = comparison.estimate === 0 ? '' : ` ${number(Math.abs(comparison.estimate))}${unit}`;
  const confidence = `${+(comparison.confidence * 100).toFixed(1)}% CI`;
  return (
    `${LABELS[comparison.metric]} ${direction}${size} ` +
    `(${level(comparison.baseline, comparison.levelUnit)} → ${level(comparison.candidate, comparison.levelUnit)}; ` +
    `${confidence} ${signed(comparison.interval[0])} to ${signed(comparison.interval[1])}${unit}; ` +
    `${comparison.method} ${pValue(comparison.pValue)}; ${comparison.cases} paired cases)`
  );
}

/** "Safety: 1 new guardrail violation (case a1b2: pii), 0 missed escalations on 20 high-risk cases" */
export function describeSafety(comparison: SafetyComparison): string {
  const listed = (cases: SafetyComparison['newViolations']) =>
    cases.length === 0
      ? ''
      : ` (${cases
          .slice(0, 5)
          .map((c) => `case ${c.caseId}: ${c.kinds.join(', ')}`)
          .join('; ')}${cases.length > 5 ? '; …' : ''})`;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return (
    `Safety: ${plural(comparison.newViolations.length, 'new guardrail violation')}${listed(comparison.newViolations)}, ` +
    `${plural(comparison.missedEscalations.length, 'missed escalation')}${listed(comparison.missedEscalations)} ` +
    `on ${plural(comparison.highRiskCases, 'high-risk case')}, over ${comparison.cases} paired cases` +
    (comparison.resolved > 0 ? `; ${comparison.resolved} earlier violations no longer occur` : '')
  );
}

function level(value: number, unit: EffectComparison['levelUnit']): string {
  if (unit === '%') return `${number(value)}%`;
  if (unit === 'USD') return `$${value.toPrecision(3)}`;
  return `${value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ${unit}`;
}

function signed(value: number): string {
  return value > 0 ? `+${number(value)}` : value < 0 ? `−${number(-value)}` : '0';
}

function number(value: number): string {
  // A bootstrap interval is unbounded when resamples without spread give t = ±∞.
  return Number.isFinite(value) ? value.toFixed(1) : '∞';
}

function pValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
import type { EffectComparison, SafetyComparison } from '@trumpets/protocol/api';
