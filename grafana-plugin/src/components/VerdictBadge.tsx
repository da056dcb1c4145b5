import { Badge, type BadgeColor } from '@grafana/ui';
import { testIds } from '../constants';

const COLORS: Record<string, BadgeColor> = {
  pass: 'green',
  marginal: 'orange',
  inconclusive: 'blue',
  fail: 'red',
  error: 'red',
  regression: 'red',
  new: 'purple',
  growing: 'orange',
  stable: 'darkgrey',
  shrinking: 'green',
};

const ICONS: Record<string, 'check' | 'exclamation-triangle' | 'question-circle' | 'times' | 'arrow-up' | 'star'> = {
  pass: 'check',
  marginal: 'exclamation-triangle',
  inconclusive: 'question-circle',
  fail: 'times',
  error: 'times',
  growing: 'arrow-up',
  new: 'star',
};

/** A verdict or status as Grafana shows states: colour and icon, the word itself always written out. */
export function VerdictBadge({ value, testId = testIds.panels.verdict }: { value: string; testId?: string }) {
  return <Badge data-testid={testId} text={value} color={COLORS[value] ?? 'darkgrey'} icon={ICONS[value]} />;
}
