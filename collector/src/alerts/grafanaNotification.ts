import { z } from 'zod';

/**
 * Grafana Alerting's webhook contact-point payload, version "1". Unknown fields are kept (Grafana
 * adds some between versions); the ones the collector acts on are required.
 */
const labelsSchema = z.record(z.string(), z.string());

export const grafanaAlertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: labelsSchema,
  annotations: labelsSchema.default({}),
  startsAt: z.string().min(1),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1),
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  values: z.record(z.string(), z.number()).nullable().optional(),
});
export type GrafanaAlert = z.output<typeof grafanaAlertSchema>;

export const grafanaNotificationSchema = z.looseObject({
  receiver: z.string().optional(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(grafanaAlertSchema).max(1000),
  groupLabels: labelsSchema.optional(),
  commonLabels: labelsSchema.optional(),
  commonAnnotations: labelsSchema.optional(),
  externalURL: z.string().optional(),
  version: z.literal('1', { error: 'version must be "1" (Grafana Alerting webhook format)' }),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).default(0),
  orgId: z.number().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});
export type GrafanaNotification = z.output<typeof grafanaNotificationSchema>;

/** The label a rule sets to ask for a rollback, and the labels naming what to roll back. */
export const ACTION_LABEL = 'trumpets_action';
export const AGENT_LABEL = 'agent';
export const RELEASE_LABEL = 'release_id';
