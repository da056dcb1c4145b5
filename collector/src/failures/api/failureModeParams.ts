import { z } from 'zod';
import { FAILURE_MODE_STATUSES } from '../status/failureModeStatus.ts';

const HOUR_MS = 3600_000;
/** Longest range one request may read: 90 days keeps the hourly timeline near 2,000 points. */
const MAX_RANGE_MS = 90 * 24 * HOUR_MS;
const DEFAULT_RANGE_MS = 7 * 24 * HOUR_MS;

/** A time as milliseconds since the epoch, or as ISO 8601 text. */
const time = z.string().transform((text, context) => {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    context.addIssue({ code: 'custom', message: `'${text}' is neither milliseconds since the epoch nor an ISO 8601 time` });
    return z.NEVER;
  }
  return ms;
});

const scopeFields = {
  /** Only this agent's failures. Default: every agent. */
  agent: z.string().max(256).default(''),
  /** Range start. Default: 7 days before `to`. */
  from: time.optional(),
  /** Range end (exclusive), and the end of the status windows. Default: now. */
  to: time.optional(),
  /** Length of the recent status window, and of the previous one it is compared with. Default 24. */
  windowHours: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** A mode first seen this recently (with enough failures) is new. Default 24. */
  newWithinHours: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24),
};

const statusList = z
  .string()
  .transform((text) => text.split(',').map((status) => status.trim()))
  .pipe(z.array(z.enum(FAILURE_MODE_STATUSES)));

export const SORT_KEYS = ['failures', 'recent', 'growth', 'lastSeen', 'firstSeen'] as const;

export const listParams = z.strictObject({
  ...scopeFields,
  /** Comma-separated statuses to keep. Default: all. */
  status: statusList.optional(),
  /** Default `failures`. `growth` orders by the growth test's p-value, strongest growth first. */
  sort: z.enum(SORT_KEYS).default('failures'),
  order: z.enum(['desc', 'asc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const detailParams = z.strictObject({
  ...scopeFields,
  /** Page of members, from 1. */
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** Range and windows in milliseconds, checked against each other. */
export function scopeOf(params: { agent: string; from?: number; to?: number; windowHours: number; newWithinHours: number }, nowMs: number) {
  const toMs = params.to ?? nowMs;
  const fromMs = params.from ?? toMs - DEFAULT_RANGE_MS;
  if (fromMs >= toMs) return { error: 'from must be before to' } as const;
  if (toMs - fromMs > MAX_RANGE_MS) return { error: 'the range from..to may span at most 90 days' } as const;
  return {
    scope: { agent: params.agent, fromMs, toMs, windowMs: params.windowHours * HOUR_MS, newWithinMs: params.newWithinHours * HOUR_MS },
  } as const;
}
