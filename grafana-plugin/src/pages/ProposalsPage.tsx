import { PluginPage } from '@grafana/runtime';
import { Field, Input, Stack, Text } from '@grafana/ui';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { appClient } from '../api/appClient';
import type { ProposalSummary as Proposal } from '@trumpets/protocol/api';
import { formatAgo } from '../components/format';
import { VerdictBadge } from '../components/VerdictBadge';
import { testIds } from '../constants';
import { gateDecisionToFrame } from '../datasource/toFrames';
import { Scorecard } from '../panels/scorecard/ScorecardPanel';
import { Loaded } from './Loaded';
import { useLoad } from './useLoad';

/** Proposals newest first; the selected one (first `?proposal=`, as links from panels give it) shows its scorecard and its history. */
export default function ProposalsPage() {
  const [params] = useSearchParams();
  const [agent, setAgent] = useState(params.get('agent') ?? '');
  const [selected, setSelected] = useState(params.get('proposal') ?? undefined);
  const list = useLoad(() => appClient.proposals({ agent }), agent);
  return (
    <PluginPage>
      <div data-testid={testIds.proposals.page}>
        <Field label="Agent">
          <Input width={24} placeholder="all agents" defaultValue={agent} onBlur={(event) => setAgent(event.currentTarget.value.trim())} />
        </Field>
        <Loaded load={list} what="proposals">
          {({ proposals }) =>
            proposals.length === 0 ? (
              <Text color="secondary">
                No proposals yet. A proposal changes one target of an agent's config; create one with POST /api/proposals.
              </Text>
            ) : (
              <Stack direction="column" gap={2}>
                <table className="filter-table">
                  <thead>
                    <tr>
                      <th>Proposal</th>
                      <th>Agent</th>
                      <th>State</th>
                      <th>Change</th>
                      <th>Author</th>
                      <th>Updated</th>
                    </tr>
                  </thead>
                  <tbody>
                    {proposals.map((proposal) => (
                      <ProposalRow
                        key={proposal.id}
                        proposal={proposal}
                        selected={proposal.id === (selected ?? proposals[0]?.id)}
                        onSelect={() => setSelected(proposal.id)}
                      />
                    ))}
                  </tbody>
                </table>
                <ProposalDetail id={selected ?? proposals[0]!.id} />
              </Stack>
            )
          }
        </Loaded>
      </div>
    </PluginPage>
  );
}

function ProposalRow({ proposal, selected, onSelect }: { proposal: Proposal; selected: boolean; onSelect: () => void }) {
  return (
    <tr
      data-testid={testIds.proposals.row}
      onClick={onSelect}
      style={{ cursor: 'pointer', fontWeight: selected ? 500 : undefined }}
      aria-selected={selected}
    >
      <td>
        <code>{proposal.id}</code>
      </td>
      <td>{proposal.agent}</td>
      <td>
        <VerdictBadge value={proposal.state} testId={`${testIds.proposals.row}-state`} />
      </td>
      <td>
        {proposal.target.kind === 'config' ? proposal.target.path : `benchmark set ${proposal.target.setId}`}: {proposal.rationale}
      </td>
      <td>{proposal.author.name}</td>
      <td>{formatAgo(proposal.updatedAt, Date.now())}</td>
    </tr>
  );
}

function ProposalDetail({ id }: { id: string }) {
  const detail = useLoad(async () => {
    const proposal = await appClient.proposal(id);
    const decision = proposal.latestDecision ? await appClient.comparison(id) : undefined;
    return { proposal, frame: decision ? gateDecisionToFrame('A', decision) : undefined };
  }, id);
  return (
    <Loaded load={detail} what="the proposal">
      {({ proposal, frame }) => (
        <Stack direction="column" gap={1}>
          <Text element="h3" variant="h4">
            Scorecard
          </Text>
          {frame ? (
            <Scorecard frame={frame} />
          ) : (
            <Text color="secondary">Not validated yet: run its benchmark set as baseline and candidate to score it.</Text>
          )}
          <Text element="h3" variant="h4">
            History
          </Text>
          <ul data-testid={testIds.proposals.history}>
            {proposal.history.map((event, index) => (
              <li key={index}>
                {new Date(event.at).toLocaleString()}: <strong>{event.state}</strong> by {event.actor}
                {event.reason ? ` — ${event.reason}` : ''}
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </Loaded>
  );
}
