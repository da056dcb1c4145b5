import { z } from 'zod';
import { timeParam } from './episodeMetrics.ts';

/**
 * The failure-modes read API (`GET /api/failure-modes`, `GET /api/failure-modes/:id`): the query
 * parameters the collector's route checks and the answers the Grafana plugin parses.
 */

/** new (first seen recently, with enough failures), growing (its rate rose significantly), steady, fading. */
export const FAILURE_MODE_STATUSES = ['new', 'growing', 'steady', 'fading'] as const;
export type FailureModeStatus = (typeof FAILURE_MODE_STATUSES)[number];

export const FAILURE_MODE_SORT_KEYS = ['failures', 'recent', 'growth', 'lastSeen', 'firstSeen'] as const;
export type FailureModeSortKey = (typeof FAILURE_MODE_SORT_KEYS)[number];

const scopeFields = {
  /** Only this agent's failures. Default: every agent. */
  agent: z.string().max(256).default(''),
  /** Range start. Default: 7 days before `to`. */
  from: timeParam.optional(),
  /** Range end (exclusive), and the end of the status windows. Default: now. */
  to: timeParam.optional(),
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

export const failureModeListQuery = z.strictObject({
  ...scopeFields,
  /** Comma-separated statuses to keep. Default: all. */
  status: statusList.optional(),
  /** Default `failures`. `growth` orders by the growth test's p-value, strongest growth first. */
  sort: z.enum(FAILURE_MODE_SORT_KEYS).default('failures'),
  order: z.enum(['desc', 'asc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type FailureModeListQuery = z.input<typeof failureModeListQuery>;

export const failureModeDetailQuery = z.strictObject({
  ...scopeFields,
  /** Page of members, from 1. */
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type FailureModeDetailQuery = z.input<typeof failureModeDetailQuery>;

/** A failure mode as the list shows it. */
export const failureModeSummarySchema = z.object({
  id: z.string(),
  /** The mode's template: its message with variable parts masked (`<NUM>`, `<ID>`, `<*>`). */
  label: z.string(),
  category: z.string(),
  workflow: z.string(),
  tool: z.string(),
  errorType: z.string(),
  status: z.enum(FAILURE_MODE_STATUSES),
  /** One-sided p-value of the growth test (small: the recent rate is above the previous one). */
  growthPValue: z.number(),
  /** Failures in the requested range. */
  failures: z.number(),
  recentFailures: z.number(),
  previousFailures: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  agents: z.array(z.string()),
  versions: z.array(z.string()),
  workflows: z.array(z.string()),
  tools: z.array(z.string()),
  /** Clusters merged into this one; their ids resolve to it. */
  mergedIds: z.array(z.string()),
});
export type FailureModeSummary = z.infer<typeof failureModeSummarySchema>;

/** The range read and the status windows, as every failure-mode answer states them. */
const rangeFields = {
  from: z.string(),
  to: z.string(),
  windowHours: z.number(),
  newWithinHours: z.number(),
};

export const failureModeListSchema = z.object({
  ...rangeFields,
  /** Modes matching the filters, before `limit`. */
  total: z.number(),
  failureModes: z.array(failureModeSummarySchema),
});
export type FailureModeList = z.infer<typeof failureModeListSchema>;

/** A failure as the read API shows it. */
export const failureViewSchema = z.object({
  failureId: z.string(),
  episodeId: z.string(),
  templateId: z.string(),
  kind: z.string(),
  agent: z.string(),
  agentVersion: z.string(),
  workflow: z.string(),
  tool: z.string(),
  text: z.string(),
  occurredAt: z.string(),
});
export type FailureView = z.infer<typeof failureViewSchema>;

export const timelinePointSchema = z.object({ time: z.string(), failures: z.number() });
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

/** One failure mode with its timeline, examples, wordings, history, related modes and a page of members. */
export const failureModeDetailSchema = failureModeSummarySchema.extend({
  ...rangeFields,
  /** Every hour and UTC day of the range, zero where nothing failed. */
  timeline: z.object({ hourly: z.array(timelinePointSchema), daily: z.array(timelinePointSchema) }),
  /** A few failures chosen to differ in wording, agent, version, workflow and tool. */
  examples: z.array(failureViewSchema),
  templates: z.array(z.object({ id: z.string(), template: z.string(), failures: z.number() })),
  events: z.array(z.object({ event: z.string(), clusterId: z.string(), otherClusterId: z.string(), at: z.string() })),
  related: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      category: z.string(),
      workflow: z.string(),
      tool: z.string(),
      errorType: z.string(),
      distance: z.number(),
    }),
  ),
  members: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(failureViewSchema) }),
});
export type FailureModeDetail = z.infer<typeof failureModeDetailSchema>;
