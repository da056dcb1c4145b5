import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId } from '../testing/otlpRequests.ts';

let harness: InProcessCollector | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function storeEpisodeWith(h: InProcessCollector, input: string, exceptionMessage: string) {
  const traceId = randomHexId(16);
  const body = otlpJson([
    {
      traceId,
      spanId: randomHexId(8),
      name: 'invoke_agent support',
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'support',
        'trumpets.episode.input': input,
        'order.id': 'ORD-1234',
      },
      events: [{ name: 'exception', attributes: { 'exception.message': exceptionMessage } }],
    },
  ]);
  expect((await h.post(JSON.stringify(body), { 'content-type': 'application/json' })).status).toBe(200);
  await h.collector.settle();
  const [span] = await h.store.query<{ SpanAttributes: Record<string, string>; events: Array<Record<string, string>> }>(
    'SELECT SpanAttributes, `Events.Attributes` AS events FROM spans FINAL WHERE TraceId = {t:String}',
    { t: traceId },
  );
  const [episode] = await h.store.query<{ Input: string }>('SELECT Input FROM episodes FINAL WHERE EpisodeId = {t:String}', { t: traceId });
  return { span: span!, episode: episode! };
}

describe('collector-side redaction', () => {
  it('redacts e-mails, card numbers and secrets in content attributes before they are stored, from agents that did not redact', async () => {
    harness = await startInProcessCollector();
    const { span, episode } = await storeEpisodeWith(
      harness,
      'I am jane.doe@example.com, card 4111 1111 1111 1111, key sk-proj-abcdefghijklmnopqrstuvwx',
      'auth failed for Bearer abcdefghijklmnop1234567890',
    );
    expect(episode.Input).toBe('I am [REDACTED:email], card [REDACTED:card], key [REDACTED:secret]');
    expect(span.SpanAttributes['trumpets.episode.input']).toBe(episode.Input);
    expect(span.events[0]!['exception.message']).toBe('auth failed for Bearer [REDACTED:secret]');
    expect(span.SpanAttributes['order.id']).toBe('ORD-1234');
  });

  it('applies configured patterns too, and can be switched off', async () => {
    harness = await startInProcessCollector({ redaction: { enabled: true, patterns: [{ name: 'order', pattern: 'ORD-\\d{4}' }] } });
    expect((await storeEpisodeWith(harness, 'refund ORD-1234 for jane@example.com', '')).episode.Input).toBe(
      'refund [REDACTED:order] for [REDACTED:email]',
    );
    await harness.close();
    harness = await startInProcessCollector({ redaction: { enabled: false, patterns: [] } });
    expect((await storeEpisodeWith(harness, 'mail jane@example.com', '')).episode.Input).toBe('mail jane@example.com');
  });

  it('refuses a pattern that is not a regular expression at start, naming the variable', () => {
    expect(() => loadConfig({ TRUMPETS_REDACTION_PATTERNS: '[{"name":"x","pattern":"("}]' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUMPETS_REDACTION_PATTERNS: '[{"name":"x","pattern":"("}]' })).toThrow(/TRUMPETS_REDACTION_PATTERNS/);
  });
});
