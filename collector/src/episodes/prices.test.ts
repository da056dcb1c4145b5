import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { priceTableOf } from '../startCollector.ts';
import { DEFAULT_PRICES, llmCallCost, loadPriceTable } from './prices.ts';

const call = (provider: string, requestModel: string, inputTokens: number, outputTokens: number, responseModel = '') => ({
  provider,
  requestModel,
  responseModel,
  inputTokens,
  outputTokens,
});

const dir = mkdtempSync(join(tmpdir(), 'trumpets-prices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const priceFile = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('llmCallCost', () => {
  it('prices a call by the longest model prefix, preferring the dated response model', () => {
    // 1,000,000 input at 0.15 + 500,000 output at 0.60 (gpt-4o-mini, not gpt-4o)
    expect(llmCallCost(DEFAULT_PRICES, call('openai', 'gpt-4o', 1_000_000, 500_000, 'gpt-4o-mini-2024-07-18'))).toBeCloseTo(0.45, 10);
  });

  it('finds the model across providers when the span names none, as OpenInference spans do', () => {
    expect(llmCallCost(DEFAULT_PRICES, call('', 'claude-3-5-haiku-20241022', 200, 40))).toBeCloseTo((200 * 0.8 + 40 * 4) / 1e6, 12);
    expect(llmCallCost(DEFAULT_PRICES, call('az.ai.openai', 'gpt-4.1-mini', 1e6, 0))).toBeCloseTo(0.4, 10);
  });

  it('gives no price for a model the table does not list', () => {
    expect(llmCallCost(DEFAULT_PRICES, call('openai', 'my-finetune', 100, 100))).toBeUndefined();
  });
});

describe('loadPriceTable', () => {
  it('lays a price file over the defaults, model by model', () => {
    const prices = loadPriceTable(
      priceFile('override.json', { openai: { 'gpt-4o-mini': { input: 0.1, output: 0.2 } }, acme: { 'acme-1': { input: 1, output: 1 } } }),
    );
    expect(prices['openai']?.['gpt-4o-mini']).toEqual({ input: 0.1, output: 0.2 });
    expect(prices['openai']?.['gpt-4o']).toEqual(DEFAULT_PRICES['openai']?.['gpt-4o']);
    expect(llmCallCost(prices, call('acme', 'acme-1-large', 1e6, 1e6))).toBe(2);
  });

  it('stops the collector at start with a message naming the variable and the bad entry', () => {
    const negative = priceFile('negative.json', { openai: { 'gpt-4o': { input: -1, output: 10 } } });
    expect(() => priceTableOf({ pricesFile: negative })).toThrow(
      /TRUMPETS_PRICES_FILE: invalid price file .*negative\.json: openai\.gpt-4o\.input/,
    );
    expect(() => priceTableOf({ pricesFile: priceFile('broken.json', '{ not json') })).toThrow(
      /TRUMPETS_PRICES_FILE: cannot read price file/,
    );
    expect(() => priceTableOf({ pricesFile: join(dir, 'missing.json') })).toThrow(/TRUMPETS_PRICES_FILE: cannot read price file/);
  });
});
