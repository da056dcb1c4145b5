import { describe, expect, it } from 'vitest';
import { assembleTrace } from './assembleTrace.ts';
import { testSpan } from './frameworks/testSpan.ts';
import type { StoredSpan } from './storedSpan.ts';

const T = 'a'.repeat(32);
const options = { maxTextChars: 50 };

function span(spanId: string, parent: string, attributes: Record<string, string>, extra: Partial<StoredSpan> = {}): StoredSpan {
  return testSpan(spanId, parent, attributes, {
    TraceId: T,
    SpanName: attributes['gen_ai.operation.name'] ?? 'span',
    ServiceName: 'support-bot',
    StartTimeUnixNano: '1732500000000000000',
    EndTimeUnixNano: '1732500000250000000',
    ...extra,
  });
}

const root = (attributes: Record<string, string> = {}, extra: Partial<StoredSpan> = {}) =>
  span(
    'r1',
    '',
    {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
      'gen_ai.agent.version': '1.4.0',
      'gen_ai.workflow.name': 'refund',
      'trumpets.episode.input': 'where is my refund?',
      'trumpets.episode.output': 'refund issued',
      'trumpets.episode.outcome': 'success',
      ...attributes,
    },
    extra,
  );

describe('assembleTrace', () => {
  it('marks an episode safety-flagged when any of its spans raised a flag, and only then', () => {
    const flag = {
      EventNames: ['trumpets.safety.flag'],
      EventTimesUnixNano: ['1732500000100000000'],
      EventAttributes: [{ 'trumpets.safety.kind': 'pii' }],
    };
    const tool = (extra: Partial<StoredSpan>) =>
      span('t1', 'r1', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' }, extra);
    expect(assembleTrace([root(), tool(flag)], options).episode?.SafetyFlagged).toBe(true);
    expect(assembleTrace([root(), tool({ ...flag, EventNames: ['trumpets.source'] })], options).episode?.SafetyFlagged).toBe(false);
  });

  it('builds no episode until the root agent span has arrived', () => {
    const tool = span('t1', 'r1', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' });
    expect(assembleTrace([tool], options).episode).toBeUndefined();
    expect(assembleTrace([tool], options).toolCalls).toEqual([]);
  });

  it('summarises agent, workflow, outcome, latency and counts from root and children', () => {
    const spans = [
      root(),
      span('t1', 'r1', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order', 'gen_ai.tool.call.id': 'call-1' }),
      span(
        't2',
        'r1',
        { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'issue_refund', 'error.type': 'RefundLimitExceeded' },
        { StatusCode: 'ERROR', StatusMessage: 'amount 312.50 exceeds limit' },
      ),
      span('c1', 'r1', { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': '120', 'gen_ai.usage.output_tokens': '30' }),
    ];
    const { episode, toolCalls } = assembleTrace(spans, options);
    expect(episode).toMatchObject({
      EpisodeId: T,
      Agent: 'support',
      AgentVersion: '1.4.0',
      Workflow: 'refund',
      Outcome: 'success',
      LatencyMs: 250,
      InputTokens: 120,
      OutputTokens: 30,
      LlmCallCount: 1,
      ToolCallCount: 2,
      ToolErrorCount: 1,
      ErrorType: 'RefundLimitExceeded',
      SpanCount: 4,
    });
    expect(toolCalls.map((call) => [call.ToolName, call.Status, call.ErrorMessage])).toEqual([
      ['lookup_order', 'ok', ''],
      ['issue_refund', 'error', 'amount 312.50 exceeds limit'],
    ]);
  });

  it('counts tokens on LLM-call spans only, not on parents that repeat the sum', () => {
    const spans = [
      root({ 'gen_ai.usage.input_tokens': '999' }),
      span('c1', 'r1', { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': '10', 'gen_ai.usage.output_tokens': '1' }),
      span('c2', 'r1', { 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': '5', 'llm.token_count.completion': '2' }),
    ];
    expect(assembleTrace(spans, options).episode).toMatchObject({ InputTokens: 15, OutputTokens: 3, LlmCallCount: 2 });
  });

  it('understands OpenInference tool spans', () => {
    const spans = [root(), span('t1', 'r1', { 'openinference.span.kind': 'TOOL', 'tool.name': 'search_kb' })];
    expect(assembleTrace(spans, options).toolCalls.map((call) => call.ToolName)).toEqual(['search_kb']);
  });

  it('treats a sub-agent as part of the episode, not a second root', () => {
    const spans = [
      root(),
      span(
        's1',
        'r1',
        { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'billing-subagent' },
        { StartTimeUnixNano: '1732499999000000000' },
      ),
    ];
    expect(assembleTrace(spans, options).episode).toMatchObject({ RootSpanId: 'r1', Agent: 'support' });
  });

  it('marks a failed root without a recorded outcome as failure, and an unmarked one as unknown', () => {
    const failed = root(
      { 'trumpets.episode.outcome': '', 'error.type': 'TimeoutError' },
      { StatusCode: 'ERROR', StatusMessage: 'upstream timed out' },
    );
    expect(assembleTrace([failed], options).episode).toMatchObject({
      Outcome: 'failure',
      ErrorType: 'TimeoutError',
      ErrorMessage: 'upstream timed out',
    });
    const unmarked = root({ 'trumpets.episode.outcome': 'bogus' });
    expect(assembleTrace([unmarked], options).episode?.Outcome).toBe('unknown');
  });

  it('keeps the line of an error that says what went wrong, also when the message is cut', () => {
    const traceback = [
      'Traceback (most recent call last):',
      ...Array.from({ length: 8 }, (_, i) => `  File "/app/step${i}.py", line ${i}`),
      'KeyError: order',
    ].join('\n');
    const tool = span(
      't1',
      'r1',
      { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order', 'error.type': 'KeyError' },
      { StatusCode: 'ERROR', StatusMessage: traceback },
    );
    const { episode, toolCalls } = assembleTrace([root({ 'trumpets.episode.outcome': 'failure' }), tool], options);
    expect(toolCalls[0]).toMatchObject({ ErrorMessage: traceback.slice(0, 50), ErrorHeadline: 'KeyError: order' });
    expect(episode).toMatchObject({ ErrorType: 'KeyError', ErrorHeadline: 'KeyError: order' });
  });

  it('truncates long input and output and says so', () => {
    const long = 'x'.repeat(80);
    const { episode } = assembleTrace([root({ 'trumpets.episode.input': long })], options);
    expect(episode).toMatchObject({ Input: 'x'.repeat(50), InputTruncated: true, OutputTruncated: false });
  });

  it('collects sources from source events and from retrieval documents', () => {
    const spans = [
      root(
        {},
        {
          EventNames: ['trumpets.source'],
          EventTimesUnixNano: ['1732500000100000000'],
          EventAttributes: [
            {
              'trumpets.source.id': 'kb-17',
              'trumpets.source.uri': 'kb://refunds',
              'trumpets.source.tag': 'policy',
              'trumpets.source.score': '0.9',
            },
          ],
        },
      ),
      span('q1', 'r1', {
        'gen_ai.operation.name': 'retrieval',
        'gen_ai.data_source.id': 'orders-index',
        'gen_ai.retrieval.documents': JSON.stringify([{ id: 'doc-1', score: 0.7 }, { id: 'doc-2' }]),
      }),
    ];
    const { sources, episode } = assembleTrace(spans, options);
    expect(sources.map((s) => [s.SourceId, s.Uri, s.Tag, s.Score, s.Origin])).toEqual([
      ['kb-17', 'kb://refunds', 'policy', 0.9, 'event'],
      ['doc-1', '', 'orders-index', 0.7, 'retrieval'],
      ['doc-2', '', 'orders-index', null, 'retrieval'],
    ]);
    expect(episode?.SourceCount).toBe(3);
  });

  it('turns a correction span into a correction of the episode it names', () => {
    const correction = span('k1', '', {
      'trumpets.correction.episode_id': 'b'.repeat(32),
      'trumpets.correction.output': 'refund of 200.00 issued',
      'trumpets.correction.reason': 'limit applies per order',
      'trumpets.correction.author': 'ops@example.com',
    });
    const assembled = assembleTrace([correction], options);
    expect(assembled.episode).toBeUndefined();
    expect(assembled).toMatchObject({
      corrections: [
        {
          EpisodeId: 'b'.repeat(32),
          CorrectedOutput: 'refund of 200.00 issued',
          Reason: 'limit applies per order',
          Author: 'ops@example.com',
        },
      ],
    });
  });

  it('gives the same rows whatever order the spans come in', () => {
    const spans = [
      root(),
      span('t1', 'r1', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'a' }),
      span('c1', 'r1', { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': '3' }),
    ];
    expect(assembleTrace([...spans].reverse(), options)).toEqual(assembleTrace(spans, options));
  });
});
