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

/** One episode as its agent lived it: tool calls, sources read, LLM calls and the output. */
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
                <VerdictBadge value={episode.outcome === 'success' ? 'pass' : episode.outcome === 'failure' ? 'fail' : episode.outcome} />
              </Stack>
              <Text color="secondary">
                {episode.agent} {episode.version} · {new Date(episode.startTime).toLocaleString()} · {formatLevel(episode.durationMs, 'ms')}
              </Text>
              <Section title="Tools" testId={testIds.episode.tools} empty="No tool calls.">
                {episode.tools.map((tool, index) => (
                  <tr key={index}>
                    <td>{tool.name}</td>
                    <td>{tool.status === 'error' || tool.errorType ? <VerdictBadge value="error" /> : tool.status}</td>
                    <td>{tool.errorType}</td>
                    <td>{formatLevel(tool.durationMs, 'ms')}</td>
                  </tr>
                ))}
              </Section>
              <Section title="Sources" testId={testIds.episode.sources} empty="No sources were read.">
                {episode.sources.map((source, index) => (
                  <tr key={index}>
                    <td>{source.title || source.uri}</td>
                    <td>{source.uri}</td>
                  </tr>
                ))}
              </Section>
              <Section title="LLM calls" testId={testIds.episode.llmCalls} empty="No LLM calls recorded.">
                {episode.llmCalls.map((call, index) => (
                  <tr key={index}>
                    <td>{call.model}</td>
                    <td>{call.provider}</td>
                    <td>
                      {call.inputTokens} in / {call.outputTokens} out
                    </td>
                    <td>{formatLevel(call.durationMs, 'ms')}</td>
                  </tr>
                ))}
              </Section>
              <div data-testid={testIds.episode.output}>
                <Text element="h3" variant="h4">
                  Input and output
                </Text>
                <pre>{episode.input}</pre>
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
