import { useTheme2 } from '@grafana/ui';
import { testIds } from '../constants';

/** A small trend line of counts (failures per hour), scaled to its own maximum. */
export function Sparkline({
  values,
  width = 120,
  height = 24,
  label,
}: {
  values: number[];
  width?: number;
  height?: number;
  label: string;
}) {
  const theme = useTheme2();
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map((value, index) => `${(index * step).toFixed(1)},${(height - 2 - (value / max) * (height - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg data-testid={testIds.failureModes.sparkline} width={width} height={height} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke={theme.colors.error.main} strokeWidth={1.5} />
    </svg>
  );
}
