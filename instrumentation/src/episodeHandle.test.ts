import { describe, expect, it } from 'vitest';
import { withEpisode } from './episode.ts';
import { currentEpisode } from './episodeHandle.ts';
import { spanNamed, useMemoryTracing } from './testing/useMemoryTracing.ts';

const refund = { agent: 'support-agent', workflow: 'refund', input: 'Refund ORD-8812 please' };

describe('the episode handle', () => {
  const tracing = useMemoryTracing();

  it('escalates with a reason, scores and flags for safety on the root span', async () => {
    await withEpisode({ ...refund, releaseKey: 'user-42' }, (episode) => {
      episode.score('helpfulness', 0.25, { label: 'poor', explanation: 'did not check the limit for jane@example.com' });
      episode.flagSafety('pii', 'customer pasted card 4111 1111 1111 1111');
      episode.escalate('refund above the limit; customer is jane@example.com');
    });

    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes).toMatchObject({
      'trumpets.episode.outcome': 'escalated',
      'trumpets.escalation.reason': 'refund above the limit; customer is [REDACTED:email]',
      'trumpets.release.key': 'user-42',
    });
    expect(root.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'gen_ai.evaluation.result',
        {
          'gen_ai.evaluation.name': 'helpfulness',
          'gen_ai.evaluation.score.value': 0.25,
          'gen_ai.evaluation.score.label': 'poor',
          'gen_ai.evaluation.explanation': 'did not check the limit for [REDACTED:email]',
        },
      ],
      ['trumpets.safety.flag', { 'trumpets.safety.kind': 'pii', 'trumpets.safety.detail': 'customer pasted card [REDACTED:card]' }],
    ]);
  });

  it('works with its methods taken apart', async () => {
    const episodeId = await withEpisode(refund, async ({ episodeId, setOutput, escalate, score }) => {
      setOutput('handed over');
      escalate('customer asked for a person');
      score('politeness', 1);
      return episodeId;
    });
    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.spanContext().traceId).toBe(episodeId);
    expect(root.attributes).toMatchObject({ 'trumpets.episode.output': 'handed over', 'trumpets.episode.outcome': 'escalated' });
    expect(root.events).toHaveLength(1);
  });

  it('is reachable from code far below the episode without passing it around', async () => {
    const deepHelper = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      currentEpisode()?.setOutput('answered from a helper');
      return currentEpisode()?.episodeId;
    };
    const [seen, episodeId] = await withEpisode(refund, async (episode) => [await deepHelper(), episode.episodeId]);

    expect(seen).toBe(episodeId);
    expect(currentEpisode()).toBeUndefined();
    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes['trumpets.episode.output']).toBe('answered from a helper');
  });

  it('redacts input and output, and ignores a score that is not a number with one warning', async () => {
    await withEpisode({ ...refund, input: { message: 'I am jane@example.com, key sk-proj-AbCdEf0123456789XyZ0aBcD' } }, (episode) => {
      episode.score('helpfulness', Number.NaN);
      episode.score('helpfulness', 'high' as unknown as number);
      episode.setOutput('Refund sent to jane@example.com');
    });

    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes['trumpets.episode.input']).toBe('{"message":"I am [REDACTED:email], key [REDACTED:secret]"}');
    expect(root.attributes['trumpets.episode.output']).toBe('Refund sent to [REDACTED:email]');
    expect(root.events).toEqual([]);
    expect(tracing.warnings).toHaveLength(1);
  });
});

describe('withEpisode with content capture off', () => {
  const tracing = useMemoryTracing({ captureContent: false });

  it('records what happened but not what was said', async () => {
    await withEpisode(refund, (episode) => {
      episode.setOutput('Refund RF-1 issued');
      episode.escalate('needs a person');
    });
    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes).not.toHaveProperty('trumpets.episode.input');
    expect(root.attributes).not.toHaveProperty('trumpets.episode.output');
    expect(root.attributes).toMatchObject({ 'gen_ai.workflow.name': 'refund', 'trumpets.episode.outcome': 'escalated' });
  });
});
