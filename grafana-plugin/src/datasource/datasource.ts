import {
  DataSourceApi,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type DataFrame,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { ApiError } from '../api/ApiError';
import { createClient, type TrumpetsClient } from '../api/client';
import { episodeMetricsParams, interpolateQuery, parseVariableQuery } from './buildRequest';
import {
  failureModesToFrame,
  gateDecisionToFrame,
  metricsToFrames,
  proposalsToFrame,
  regressionsToFrame,
  releasesToFrame,
} from './toFrames';
import { DEFAULT_QUERY, type TrumpetsOptions, type TrumpetsQuery } from './types';

/** The Trumpets data source: every call goes through the data source's proxy route, which adds the token. */
export class TrumpetsDataSource extends DataSourceApi<TrumpetsQuery, TrumpetsOptions> {
  readonly client: TrumpetsClient;
  private readonly configured: boolean;

  constructor(instanceSettings: DataSourceInstanceSettings<TrumpetsOptions>) {
    super(instanceSettings);
    this.client = createClient(instanceSettings.url ?? '');
    this.configured = Boolean(instanceSettings.jsonData.apiUrl);
  }

  override getDefaultQuery(): Partial<TrumpetsQuery> {
    return DEFAULT_QUERY;
  }

  override filterQuery(query: TrumpetsQuery): boolean {
    return !query.hide;
  }

  async query(request: DataQueryRequest<TrumpetsQuery>): Promise<DataQueryResponse> {
    const range = { from: request.range.from.valueOf(), to: request.range.to.valueOf() };
    const results = await Promise.allSettled(
      request.targets
        .filter((target) => !target.hide)
        .map((target) =>
          this.runQuery(
            interpolateQuery(target, (text, vars) => getTemplateSrv().replace(text, vars), request.scopedVars),
            range,
            request.intervalMs,
          ),
        ),
    );
    const data = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
    const errors = results.flatMap((result, index) =>
      result.status === 'rejected'
        ? [
            {
              refId: request.targets[index]?.refId,
              message: messageOf(result.reason),
              status: result.reason instanceof ApiError ? result.reason.status : undefined,
            },
          ]
        : [],
    );
    return { data, errors: errors.length ? errors : undefined };
  }

  async runQuery(query: TrumpetsQuery, range: { from: number; to: number }, intervalMs: number): Promise<DataFrame[]> {
    const { refId } = query;
    const agent = query.agent || undefined;
    const window = { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
    switch (query.queryType) {
      case 'episodeMetrics':
        return metricsToFrames(
          refId,
          query.metric ?? 'success_rate',
          await this.client.episodeMetrics(episodeMetricsParams(query, range, intervalMs)),
        );
      case 'regressions':
        return [regressionsToFrame(refId, (await this.client.regressions({ agent, release: query.release || undefined })).regressions)];
      case 'failureModes':
        return [
          failureModesToFrame(
            refId,
            (await this.client.failureModes({ agent, ...window, status: query.status || undefined })).failureModes,
          ),
        ];
      case 'proposals':
        return [proposalsToFrame(refId, (await this.client.proposals({ agent })).proposals)];
      case 'releases':
        return [releasesToFrame(refId, (await this.client.releases({ agent })).releases)];
      case 'gateDecision':
        return this.gateDecision(query);
    }
  }

  /** By proposal if one is named, else the named release's decision, else the agent's latest release. */
  private async gateDecision(query: TrumpetsQuery): Promise<DataFrame[]> {
    if (query.proposalId) return [gateDecisionToFrame(query.refId, await this.client.comparison(query.proposalId))];
    const release = query.release
      ? await this.client.release(query.release)
      : (await this.client.releases({ agent: query.agent || undefined })).releases.sort((a, b) =>
          b.createdAt.localeCompare(a.createdAt),
        )[0];
    if (!release) return [];
    if (release.decision) return [gateDecisionToFrame(query.refId, await this.client.gateDecision(release.decision.id), release)];
    if (release.proposalId) return [gateDecisionToFrame(query.refId, await this.client.comparison(release.proposalId), release)];
    return [];
  }

  /** Template variables: `agents`, `versions $agent`, `releases $agent`. */
  override async metricFindQuery(
    text: string,
    options?: { range?: { from: { valueOf(): number }; to: { valueOf(): number } } },
  ): Promise<MetricFindValue[]> {
    const parsed = parseVariableQuery(getTemplateSrv().replace(text));
    if (!parsed) throw new Error(`Unknown variable query "${text}": use "agents", "versions $agent" or "releases $agent"`);
    if (parsed.kind === 'releases') {
      const { releases } = await this.client.releases({ agent: parsed.agent || undefined });
      return releases.map((release) => ({ text: `${release.id} (${release.status})`, value: release.id }));
    }
    const to = options?.range?.to.valueOf();
    const from = options?.range?.from.valueOf();
    const label = parsed.kind === 'agents' ? 'agent' : 'version';
    const { values } = await this.client.labelValues(label, {
      from,
      to,
      agent: parsed.kind === 'versions' ? parsed.agent || undefined : undefined,
    });
    return values.map(({ value }) => ({ text: value }));
  }

  /** "Save & test": one cheap read through the proxy route, with what to fix when it fails. */
  async testDatasource(): Promise<{ status: 'success' | 'error'; message: string }> {
    if (!this.configured)
      return { status: 'error', message: 'Set the collector URL (for example http://collector:4318) and a token with the read scope.' };
    try {
      const { total } = await this.client.failureModes({ limit: 1 });
      return {
        status: 'success',
        message: `Connected to the Trumpets collector: ${total} failure mode${total === 1 ? '' : 's'} in the last 24 hours.`,
      };
    } catch (error) {
      return { status: 'error', message: messageOf(error) };
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
