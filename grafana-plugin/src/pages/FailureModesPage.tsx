import { PluginPage } from '@grafana/runtime';
import { Field, Input, RadioButtonGroup, Stack, Text, TextLink } from '@grafana/ui';
import { useState } from 'react';
import { appClient } from '../api/appClient';
import type { FailureModeSummary as FailureMode } from '@trumpets/protocol/api';
import { formatAgo } from '../components/format';
import { Sparkline } from '../components/Sparkline';
import { VerdictBadge } from '../components/VerdictBadge';
import { prefixRoute, ROUTES, testIds } from '../constants';
import { Loaded } from './Loaded';
import { useLoad } from './useLoad';

const RANGES = [
  { label: 'Last 24 hours', value: 24 },
  { label: 'Last 7 days', value: 168 },
  { label: 'Last 30 days', value: 720 },
];

/** Failure modes over a range, worst first, with each one's hourly trend and its new/growing badge. */
export default function FailureModesPage() {
  const [hours, setHours] = useState(168);
  const [agent, setAgent] = useState('');
  const load = useLoad(async () => {
    const to = new Date();
    const range = { from: new Date(to.getTime() - hours * 3600_000).toISOString(), to: to.toISOString() };
    const list = await appClient.failureModes({ ...range, agent, limit: 25 });
    const details = await Promise.all(list.failureModes.map((mode) => appClient.failureMode(mode.id, range)));
    return {
      ...list,
      trends: new Map(
        details.map((detail) => [detail.id, detail.timeline[hours > 168 ? 'daily' : 'hourly'].map((point) => point.failures)]),
      ),
    };
  }, `${hours}/${agent}`);

  return (
    <PluginPage>
      <div data-testid={testIds.failureModes.page}>
        <Stack gap={2} alignItems="flex-end">
          <Field label="Range">
            <RadioButtonGroup options={RANGES} value={hours} onChange={setHours} />
          </Field>
          <Field label="Agent">
            <Input
              width={24}
              placeholder="all agents"
              defaultValue={agent}
              onBlur={(event) => setAgent(event.currentTarget.value.trim())}
            />
          </Field>
        </Stack>
        <Loaded load={load} what="failure modes">
          {({ failureModes, total, trends }) =>
            failureModes.length === 0 ? (
              <Text color="secondary">
                No failures in this range. Failed, escalated and corrected episodes are grouped into failure modes here as they arrive.
              </Text>
            ) : (
              <table className="filter-table">
                <thead>
                  <tr>
                    <th>Failure mode</th>
                    <th>Status</th>
                    <th>Failures</th>
                    <th>Trend</th>
                    <th>Agents</th>
                    <th>Last seen</th>
                  </tr>
                </thead>
                <tbody>
                  {failureModes.map((mode) => (
                    <Row key={mode.id} mode={mode} trend={trends.get(mode.id) ?? []} />
                  ))}
                </tbody>
                <caption>
                  {failureModes.length} of {total} failure modes
                </caption>
              </table>
            )
          }
        </Loaded>
      </div>
    </PluginPage>
  );
}

function Row({ mode, trend }: { mode: FailureMode; trend: number[] }) {
  return (
    <tr data-testid={testIds.failureModes.row}>
      <td>
        <TextLink href={prefixRoute(`${ROUTES.FailureModes}/${encodeURIComponent(mode.id)}`)} inline={false}>
          {mode.label}
        </TextLink>
        <div>
          <Text color="secondary" variant="bodySmall">
            {[mode.category, mode.tool, mode.errorType].filter(Boolean).join(' · ')}
          </Text>
        </div>
      </td>
      <td>
        {mode.status === 'new' || mode.status === 'growing' ? (
          <VerdictBadge value={mode.status} testId={testIds.failureModes.badge} />
        ) : (
          <Text color="secondary">{mode.status}</Text>
        )}
      </td>
      <td>
        {mode.failures}
        <Text color="secondary" variant="bodySmall">{` (${mode.recentFailures} recent)`}</Text>
      </td>
      <td>
        <Sparkline values={trend} label={`failures over time of ${mode.label}`} />
      </td>
      <td>{mode.agents.join(', ')}</td>
      <td>{formatAgo(mode.lastSeen, Date.now())}</td>
    </tr>
  );
}
