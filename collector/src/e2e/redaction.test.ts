import { recordCorrection, traceTool, withEpisode } from '@trumpets/instrumentation';
import { fakeLlmClients, startFakeLlmServer, type FakeLlmServer } from '@trumpets/instrumentation/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracedCollector, type TracedCollector } from './tracedCollector.ts';

const SECRET = 'sk-live-4f9a8b7c6d5e4f3a2b1c0d9e';
const EMAIL = 'jane.doe@example.com';
const CARD = '4111 1111 1111 1111';

let collector: TracedCollector;
let llm: FakeLlmServer;
beforeAll(async () => {
  collector = await startTracedCollector();
  llm = await startFakeLlmServer();
});
afterAll(async () => {
  await collector.close();
  await llm.close();
});

/** Every row of every table the collector writes, as one text to search. */
async function everythingStored(): Promise<string> {
  const tables = ['spans', 'episodes', 'tool_calls', 'episode_sources', 'corrections'];
  const rows = await Promise.all(tables.map((table) => collector.query(`SELECT * FROM ${table} FINAL`)));
  return JSON.stringify(rows);
}

describe('tracer → collector: redaction', () => {
  it('never lets a secret, e-mail or card number reach the store, wherever the agent put it', async () => {
    const chargeCard = traceTool(
      'charge_card',
      async (card: string, email: string) => {
        throw new Error(`gateway refused card ${card} for ${email} using key ${SECRET}`);
      },
      { captureArguments: true, captureResult: true },
    );
    const clients = await fakeLlmClients(llm);
    const episodeId = await collector.traced(
      () =>
        withEpisode(
          { agent: 'e2e-redaction', workflow: 'billing', input: `I am ${EMAIL}, card ${CARD}, api key ${SECRET}` },
          async (episode) => {
            await clients.openai().chat.completions.create({
              model: 'gpt-4o-mini',
              messages: [{ role: 'user', content: `my key is ${SECRET} and my mail ${EMAIL}` }],
            });
            await chargeCard(CARD, EMAIL).catch(() => undefined);
            episode.escalate(`customer ${EMAIL} wants a person`);
            recordCorrection(episode.episodeId, { correctedOutput: `Write to ${EMAIL}`, reason: `leaked ${SECRET}`, author: 'reviewer-7' });
            episode.setOutput(`Charged ${CARD}; receipt sent to ${EMAIL}`);
            return episode.episodeId;
          },
        ),
      { llmClients: clients.modules },
    );

    const stored = await everythingStored();
    for (const secret of [SECRET, EMAIL, CARD, CARD.replaceAll(' ', '')]) expect(stored).not.toContain(secret);
    // What was there is still visible as what it was: the redacted text reached the store.
    const [episode] = await collector.query<{ Input: string; Output: string; LlmCallCount: number }>(
      'SELECT Input, Output, LlmCallCount FROM episodes FINAL WHERE EpisodeId = {id:String}',
      { id: episodeId },
    );
    expect(episode).toEqual({
      Input: 'I am [REDACTED:email], card [REDACTED:card], api key [REDACTED:secret]',
      Output: 'Charged [REDACTED:card]; receipt sent to [REDACTED:email]',
      LlmCallCount: 1,
    });
    const [tool] = await collector.query('SELECT Arguments, ErrorMessage FROM tool_calls FINAL WHERE EpisodeId = {id:String}', {
      id: episodeId,
    });
    expect(tool).toEqual({
      Arguments: '["[REDACTED:card]","[REDACTED:email]"]',
      ErrorMessage: 'gateway refused card [REDACTED:card] for [REDACTED:email] using key [REDACTED:secret]',
    });
    expect(stored).toContain('my key is [REDACTED:secret] and my mail [REDACTED:email]');
  });
});
