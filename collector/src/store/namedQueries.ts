import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Schema migrations and named read queries: the copy beside the built code (dist/queries), else
 * the workspace's shared `queries/` folder.
 */
export const QUERIES_DIR = fileURLToPath(
  [new URL('./queries/', import.meta.url), new URL('../../../queries/', import.meta.url)].find((url) => existsSync(url)) ??
    new URL('../../../queries/', import.meta.url),
);

/** Every named query: `queries/<name>.sql`. A test proves each has its file and each file its name. */
export const QUERY_NAMES = [
  'alert_notifications_seen',
  'benchmark_draw_cluster_members',
  'benchmark_draw_corrected',
  'benchmark_draw_successes',
  'benchmark_draw_tagged',
  'benchmark_run_get',
  'benchmark_run_observations',
  'benchmark_run_safety_flags',
  'benchmark_set_cases',
  'benchmark_set_list',
  'benchmark_set_versions',
  'closed_partitions_to_compact',
  'config_get',
  'config_list',
  'dead_letters_held',
  'drafting_drafted_modes',
  'drafting_mode_episodes',
  'engine_memory',
  'episode_detail',
  'episode_keys',
  'episode_label_values',
  'episode_metrics',
  'episode_outcomes',
  'episode_source_list',
  'episode_tool_calls',
  'failure_batch_plan',
  'failure_bench_memberships',
  'failure_corrected_episodes',
  'failure_corrections',
  'failure_episode_outputs',
  'failure_episodes',
  'failure_exact_message_groups',
  'failure_latest_assembly',
  'job_lease_current',
  'failure_mode_clusters',
  'failure_mode_counts',
  'failure_mode_events',
  'failure_mode_example_candidates',
  'failure_mode_exposure',
  'failure_mode_members',
  'failure_mode_related',
  'failure_mode_templates',
  'failure_mode_timeline',
  'failure_safety_flags',
  'failure_template_state',
  'failure_watermark',
  'gate_decision_attempts',
  'gate_decision_get',
  'gate_decision_latest',
  'gate_policy_current',
  'last_assembly',
  'proposal_events',
  'proposal_get',
  'proposal_list',
  'regression_alert_rule',
  'regression_list',
  'release_agent',
  'release_agents',
  'release_arm_stats',
  'release_audit',
  'release_events',
  'release_latency_p95',
  'release_list',
  'release_policy_current',
  'trace_spans',
  'traces_received_since',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

const cache = new Map<QueryName, string>();

/**
 * The named query `queries/<name>.sql`, read once, with a `log_comment` naming it, so the
 * server's query log (and the embedded engine's) says which query ran. Values bind through its
 * `{param:Type}` placeholders; the name is one of QUERY_NAMES, so it needs no escaping.
 */
export function namedQuerySql(name: QueryName): string {
  let sql = cache.get(name);
  if (sql === undefined) {
    const text = readFileSync(`${QUERIES_DIR}${name}.sql`, 'utf8').trimEnd().replace(/;$/, '');
    sql = `${text}\nSETTINGS log_comment = 'trumpets:${name}'`;
    cache.set(name, sql);
  }
  return sql;
}
