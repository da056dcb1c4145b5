import type { DataFrame } from '@grafana/data';

/** A frame's rows as objects keyed by field name (what the panels render). */
export function rowsOf(frame: DataFrame): Array<Record<string, unknown>> {
  return Array.from({ length: frame.length }, (_, index) =>
    Object.fromEntries(frame.fields.map((field) => [field.name, field.values[index]])),
  );
}

export const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
