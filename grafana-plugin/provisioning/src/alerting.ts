import { readFileSync } from 'node:fs';
import type * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import {
  ContactPointBuilder,
  NotificationPolicyBuilder,
  QueryBuilder,
  RuleBuilder,
  RuleGroupBuilder,
} from '@grafana/grafana-foundation-sdk/alerting';
import { TypeThresholdBuilder } from '@grafana/grafana-foundation-sdk/expr';
import { clickHouseSql, promQl } from './dataQueries.ts';
import { DATASOURCE_UIDS, FOLDER, fromEnv, GRAFANA_ENV, SERVICE_URLS } from './deployment.ts';

/** The named query Grafana runs for the ClickHouse rule, read from the workspace's queries/. */
const REGRESSION_SIGNAL_SQL = readFileSync(new URL('../../../queries/regression_alert_rule.sql', import.meta.url), 'utf8').trim();

const EXPRESSIONS = { type: '__expr__', uid: '__expr__' };
/** The label the notification policy routes on and the collector's webhook acts on. */
const ROLLBACK_LABELS = { trumpets_action: 'rollback' };
const RECEIVER = 'Trumpets collector';

const annotations = {
  summary: '{{ $labels.agent }} regressed on {{ $labels.metric }} in release {{ $labels.release_id }}',
  description:
    "The collector found a regression of this release against its control. The notification asks the collector to roll the release back (automatically when the agent's release policy allows it, otherwise as a pending rollback to confirm).",
};

/** A firing series for every labelled row or series whose value is above 0. */
function aboveZero(of: string) {
  return new QueryBuilder('C').datasourceUid(EXPRESSIONS.uid).model(
    new TypeThresholdBuilder()
      .refId('C')
      .datasource(EXPRESSIONS)
      .expression(of)
      .conditions([{ evaluator: { type: 'gt', params: [0] } }]),
  );
}

/**
 * Two ways to alert on a regression: the regressions table through the official ClickHouse data
 * source (the default), and the collector's `trumpets_regression` gauge through Prometheus
 * (provisioned paused: unpause it where Prometheus, not ClickHouse, is what Grafana reads).
 */
export function regressionRuleGroup() {
  const clickHouseRule = new RuleBuilder('Agent release regressed')
    .uid('trumpets-regression-clickhouse')
    .condition('C')
    .withQuery(
      new QueryBuilder('A')
        .datasourceUid(DATASOURCE_UIDS.clickHouse)
        .relativeTimeRange({ from: 21_600, to: 0 })
        .model(clickHouseSql('A', REGRESSION_SIGNAL_SQL, 'table')),
    )
    .withQuery(aboveZero('A'))
    .forDuration('0s')
    .noDataState('OK')
    .execErrState('Error')
    .labels(ROLLBACK_LABELS)
    .annotations(annotations);
  const prometheusRule = new RuleBuilder('Agent release regressed (Prometheus)')
    .uid('trumpets-regression-prometheus')
    .condition('C')
    .withQuery(
      new QueryBuilder('A')
        .datasourceUid(DATASOURCE_UIDS.prometheus)
        .relativeTimeRange({ from: 600, to: 0 })
        .model(promQl('A', 'label_replace(max by (agent, release, metric) (trumpets_regression), "release_id", "$1", "release", "(.*)")')),
    )
    .withQuery(aboveZero('A'))
    .forDuration('0s')
    .noDataState('OK')
    .execErrState('Error')
    .isPaused(true)
    .labels(ROLLBACK_LABELS)
    .annotations(annotations);
  return new RuleGroupBuilder('Trumpets regressions').folderUid(FOLDER.uid).interval(60).withRule(clickHouseRule).withRule(prometheusRule);
}

/** The SDK builds rule groups as the HTTP API takes them; file provisioning wants `groups:` entries. */
export function toFileRuleGroup(group: alerting.RuleGroup, orgId = 1) {
  return {
    orgId,
    name: group.title,
    folder: FOLDER.title,
    interval: `${group.interval ?? 60}s`,
    rules: (group.rules ?? []).map((rule) => ({
      uid: rule.uid,
      title: rule.title,
      condition: rule.condition,
      data: rule.data,
      for: rule.for,
      noDataState: rule.noDataState,
      execErrState: rule.execErrState,
      ...(rule.isPaused ? { isPaused: true } : {}),
      labels: rule.labels,
      annotations: rule.annotations,
    })),
  };
}

export function alertRuleProvisioning() {
  return { apiVersion: 1, groups: [toFileRuleGroup(regressionRuleGroup().build())] };
}

/**
 * The collector's alert webhook: the `act` token as a bearer token, and Grafana's HMAC-SHA256
 * signature over timestamp and body (the collector checks both).
 */
export function contactPointProvisioning() {
  const receiver = new ContactPointBuilder()
    .uid('trumpets-collector-webhook')
    .name(RECEIVER)
    .type('webhook')
    .disableResolveMessage(false)
    .settings({
      url: `${SERVICE_URLS.collector}/api/alerts/grafana`,
      httpMethod: 'POST',
      authorization_scheme: 'Bearer',
      authorization_credentials: fromEnv(GRAFANA_ENV.actToken),
      hmacConfig: {
        secret: fromEnv(GRAFANA_ENV.webhookHmacSecret),
        header: 'X-Grafana-Alerting-Signature',
        timestampHeader: 'X-Grafana-Alerting-Timestamp',
      },
    })
    .build();
  return {
    apiVersion: 1,
    contactPoints: [
      {
        orgId: 1,
        name: RECEIVER,
        receivers: [
          { uid: receiver.uid, type: receiver.type, disableResolveMessage: receiver.disableResolveMessage, settings: receiver.settings },
        ],
      },
    ],
  };
}

/**
 * Rollback alerts go to the collector, grouped per agent and release so one notification names
 * one release; everything else keeps Grafana's default receiver. Replaces the organisation's
 * policy tree, as file provisioning of policies does.
 */
export function notificationPolicyProvisioning() {
  const policy = new NotificationPolicyBuilder()
    .receiver('grafana-default-email')
    .groupBy(['grafana_folder', 'alertname'])
    .routes([
      new NotificationPolicyBuilder()
        .receiver(RECEIVER)
        .objectMatchers([['trumpets_action', '=', 'rollback']])
        .groupBy(['alertname', 'agent', 'release_id'])
        .groupWait('0s')
        .groupInterval('1m')
        .repeatInterval('1h')
        .continueVal(false),
    ])
    .build();
  return { apiVersion: 1, policies: [{ orgId: 1, ...policy }] };
}
