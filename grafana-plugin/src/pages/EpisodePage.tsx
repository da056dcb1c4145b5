import { PluginPage } from '@grafana/runtime';
import { Stack, Text } from '@grafana/ui';
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { appClient } from '../api/appClient';
import { formatLevel } from '../components/format';
import { VerdictBadge } from '../components/VerdictBadge';
import { testIds } from '../constants';
import { Loaded } from './Loaded';
import { useLoad } from './useLoad';

const OUTCOME_BADGE: Record<string, string> = { success: 'pass', failure: 'fail', escalated: 'marginal' };

/** One episode as its agent lived it: tool calls, sources read, LLM usage, input and output. */
export default function EpisodePage() {
  const { id = '' } = useParams();
  const load = useLoad(() => appClient.episode(id), id);
  return (
    <PluginPage>
      <div data-testid={testIds.episode.page}>
        <Loaded load={load} what="the episode">
          {(episode) => (
            <Stack direction="column" gap={2}>
              <Stack alignItems="center" gap={1}>
                <Text element="h2" variant="h3">
                  Episode {episode.episodeId}
                </Text>
                <VerdictBadge value={OUTCOME_BADGE[episode.outcome] ?? 'inconclusive'} />
                <Text color="secondary">{episode.outcome}</Text>
              </Stack>
              <Text color="secondary">
                {[episode.agent, episode.version, episode.workflow, episode.releaseId && `release ${episode.releaseId}`]
                  .filter(Boolean)
                  .join(' · ')}{' '}
                · {new Date(episode.startTime).toLocaleString()} · {formatLevel(episode.latencyMs, 'ms')}
              </Text>
              {episode.errorMessage && <Text color="error">{`${episode.errorType || 'Error'}: ${episode.errorMessage}`}</Text>}
              <Section title="Tools" testId={testIds.episode.tools} empty="No tool calls.">
                {episode.tools.map((tool, index) => (
                  <tr key={index}>
                    <td>{tool.name}</td>
                    <td>{tool.status === 'error' ? <VerdictBadge value="error" /> : tool.status}</td>
                    <td>{[tool.errorType, tool.errorMessage].filter(Boolean).join(': ')}</td>
                    <td>{formatLevel(tool.durationMs, 'ms')}</td>
                  </tr>
                ))}
              </Section>
              <Section title="Sources" testId={testIds.episode.sources} empty="No sources were read.">
                {episode.sources.map((source, index) => (
                  <tr key={index}>
                    <td>{source.uri}</td>
                    <td>{source.tag}</td>
                    <td>{source.score === null ? '' : source.score.toFixed(2)}</td>
                  </tr>
                ))}
              </Section>
              <div data-testid={testIds.episode.llmCalls}>
                <Text element="h3" variant="h4">
                  LLM calls
                </Text>
                <Text color="secondary">
                  {episode.llmCallCount === 0
                    ? 'No LLM calls recorded.'
                    : `${episode.llmCallCount} call${episode.llmCallCount === 1 ? '' : 's'}: ${formatLevel(episode.inputTokens, 'tokens')} in, ${formatLevel(episode.outputTokens, 'tokens')} out`}
                </Text>
              </div>
              <div data-testid={testIds.episode.output}>
                <Text element="h3" variant="h4">
                  Input and output
                </Text>
                <pre>{episode.input || '(no input recorded)'}</pre>
                <pre>{episode.output || '(no output)'}</pre>
              </div>
            </Stack>
          )}
        </Loaded>
      </div>
    </PluginPage>
  );
}

function Section({ title, testId, empty, children }: { title: string; testId: string; empty: string; children: ReactNode[] }) {
  return (
    <div data-testid={testId}>
      <Text element="h3" variant="h4">
        {title}
      </Text>
      {children.length === 0 ? (
        <Text color="secondary">{empty}</Text>
      ) : (
        <table className="filter-table">
          <tbody>{children}</tbody>
        </table>
      )}
    </div>
  );
}
