import { PluginPage } from '@grafana/runtime';
import { Card, Stack, Text, TextLink } from '@grafana/ui';
import { useParams } from 'react-router-dom';
import { appClient } from '../api/appClient';
import { formatAgo } from '../components/format';
import { Sparkline } from '../components/Sparkline';
import { VerdictBadge } from '../components/VerdictBadge';
import { prefixRoute, ROUTES, testIds } from '../constants';
import { Loaded } from './Loaded';
import { useLoad } from './useLoad';

/** One failure mode: its counts, its trend over 7 days and diverse examples, each opening the episode. */
export default function FailureModePage() {
  const { id = '' } = useParams();
  const load = useLoad(() => {
    const to = new Date();
    return appClient.failureMode(id, { from: new Date(to.getTime() - 7 * 86_400_000).toISOString(), to: to.toISOString() });
  }, id);
  return (
    <PluginPage>
      <div data-testid={testIds.failureMode.page}>
        <TextLink href={prefixRoute(ROUTES.FailureModes)} inline={false} icon="arrow-left">
          All failure modes
        </TextLink>
        <Loaded load={load} what="the failure mode">
          {(mode) => (
            <Stack direction="column" gap={2}>
              <Stack alignItems="center" gap={1}>
                <Text element="h2" variant="h3">
                  {mode.label}
                </Text>
                <VerdictBadge value={mode.status} testId={testIds.failureModes.badge} />
              </Stack>
              <Text color="secondary">
                {mode.failures} failures in 7 days ({mode.recentFailures} recent, {mode.previousFailures} before) ·{' '}
                {[mode.category, mode.tool, mode.errorType].filter(Boolean).join(' · ')} · agents {mode.agents.join(', ')} · first seen{' '}
                {formatAgo(mode.firstSeen, Date.now())}
              </Text>
              <Sparkline values={mode.timeline.hourly.map((point) => point.failures)} width={640} height={64} label="failures per hour" />
              <Text element="h3" variant="h4">
                Examples
              </Text>
              {mode.examples.map((example) => (
                <Card
                  key={example.failureId}
                  data-testid={testIds.failureMode.example}
                  href={prefixRoute(`${ROUTES.Episode}/${encodeURIComponent(example.episodeId)}`)}
                >
                  <Card.Heading>{example.text}</Card.Heading>
                  <Card.Meta>
                    {[example.agent, example.agentVersion, example.tool, formatAgo(example.occurredAt, Date.now())].filter(Boolean)}
                  </Card.Meta>
                </Card>
              ))}
            </Stack>
          )}
        </Loaded>
      </div>
    </PluginPage>
  );
}
