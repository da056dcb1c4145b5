import { createDataFrame, LoadingState } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { gateDecisionSchema, regressionListSchema, releaseSchema } from '@trumpets/protocol/api';
import { testIds } from '../constants';
import { gateDecisionToFrame, regressionsToFrame } from '../datasource/toFrames';
import { gateDecisionBody, regressionsBody } from '../datasource/testing/bodies';
import { GatePanel } from './gate/GatePanel';
import { RegressionsPanel } from './regressions/RegressionsPanel';
import { ScorecardPanel } from './scorecard/ScorecardPanel';
import { panelProps } from './testing/panelProps';

const regressions = regressionsToFrame('A', regressionListSchema.parse(regressionsBody).regressions);
const release = releaseSchema.parse({
  id: 'rel-2',
  agent: 'support',
  configVersion: 'cand',
  proposalId: 'p-1',
  decision: { id: 'd-1', verdict: 'marginal' },
  overrideReason: null,
  previousReleaseId: 'rel-1',
  owner: 'ana',
  reason: 'fewer refunds',
  policy: {},
  createdBy: 'ana',
  createdAt: '2026-12-01T08:00:00Z',
  status: 'rolling_out',
  isStable: false,
  stageIndex: 1,
  percent: 25,
  stages: [5, 25, 50, 100].map((percent, index) => ({ index, percent, startedAt: null, extended: false })),
  releasedAt: null,
  pendingRollbacks: [],
});
const decision = gateDecisionToFrame('A', gateDecisionSchema.parse(gateDecisionBody), release);

const stateOf = (testId: string) => within(screen.getByTestId(testId)).getByTestId(testIds.panels.state);

describe('panel states', () => {
  it.each([
    ['regressions', RegressionsPanel, testIds.panels.regressions],
    ['scorecard', ScorecardPanel, testIds.panels.scorecard],
    ['gate', GatePanel, testIds.panels.gate],
  ] as const)('%s: loading, error, empty and wrong query each say what is going on', (_name, Panel, testId) => {
    const { rerender } = render(<Panel {...panelProps([], LoadingState.Loading)} />);
    expect(screen.getByText(/Loading/)).toBeTruthy();

    rerender(<Panel {...panelProps([], LoadingState.Error, [{ message: 'The collector refused the token (401)', refId: 'A' }])} />);
    expect(stateOf(testId).dataset.state).toBe('error');
    expect(stateOf(testId).textContent).toContain('The collector refused the token (401)');

    rerender(<Panel {...panelProps([])} />);
    expect(stateOf(testId).dataset.state).toBe('empty');

    rerender(<Panel {...panelProps([createDataFrame({ name: 'failure modes', fields: [] })])} />);
    expect(stateOf(testId).dataset.state).toBe('wrong-query');
    expect(stateOf(testId).textContent).toMatch(/choose that query type/);
  });

  it('regressions: names the metric, the effect with its interval, the release, stage, test and sample sizes', () => {
    render(<RegressionsPanel {...panelProps([regressions])} />);
    const text = screen.getByTestId(testIds.panels.regressions).textContent;
    expect(text).toContain('Success rate');
    expect(text).toContain('\u22125.2 pts');
    expect(text).toContain('[\u22129.1, \u22121.2] pts');
    expect(text).toMatch(
      /release rel-2 at the 25% stage · always-valid mixture SPRT, e-value 142.3 ≥ 1\/α = 100 · 412 canary vs 1230 control episodes/,
    );
  });

  it('scorecard: both levels, the change with its interval, the verdict and the sentence per metric', () => {
    render(<ScorecardPanel {...panelProps([decision])} />);
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent));
    expect(rows[0]).toEqual([
      'Quality',
      '82.0 %',
      '88.0 %',
      '+6.0 pts [2.0, 10.0] pts',
      'pass',
      'Quality rose 6.0 points [2.0, 10.0] (paired sign test): pass.',
    ]);
    expect(rows[1]!.slice(0, 5)).toEqual(['Latency p95', '1,200 ms', '1,296 ms', '+8.0 % [1.0, 15.0] %', 'marginal']);
    expect(rows[2]!.slice(0, 5)).toEqual(['Safety', '—', '—', '—', 'pass']);
  });

  it('gate: the overall verdict, each metric verdict and the rollout stage', () => {
    render(<GatePanel {...panelProps([decision])} />);
    const panel = screen.getByTestId(testIds.panels.gate);
    expect(
      within(panel)
        .getAllByTestId(testIds.panels.verdict)
        .map((badge) => badge.textContent),
    ).toEqual(['marginal', 'pass', 'marginal', 'pass']);
    expect(panel.textContent).toContain('Release rel-2: rolling out, stage 2 of 4, serving 25% of traffic');
    expect(panel.textContent).toContain('Quality (critical)');
  });
});
