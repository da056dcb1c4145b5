import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../shared/zodIssues.ts';

/** List price of one model, in US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Prices by provider (`gen_ai.provider.name`) and model id prefix. */
export type PriceTable = Readonly<Record<string, Readonly<Record<string, ModelPrice>>>>;

/**
 * Default list prices, USD per million input / output tokens, as the providers published them in
 * late 2025. Models are matched by the longest key their id starts with, so dated ids
 * (`gpt-4o-mini-2024-07-18`, `claude-3-5-haiku-20241022`) find their family. Cached-input discounts
 * are not applied. Override or extend with a JSON file of the same shape named in
 * `TRUMPETS_PRICES_FILE`; its entries replace these model by model.
 */
export const DEFAULT_PRICES: PriceTable = {
  openai: {
    'gpt-5': { input: 1.25, output: 10 },
    'gpt-5-mini': { input: 0.25, output: 2 },
    'gpt-5-nano': { input: 0.05, output: 0.4 },
    'gpt-4.1': { input: 2, output: 8 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4 },
    'gpt-4o': { input: 2.5, output: 10 },
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    'gpt-4-turbo': { input: 10, output: 30 },
    'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
    o1: { input: 15, output: 60 },
    'o1-mini': { input: 1.1, output: 4.4 },
    o3: { input: 2, output: 8 },
    'o3-mini': { input: 1.1, output: 4.4 },
    'o3-pro': { input: 20, output: 80 },
    'o4-mini': { input: 1.1, output: 4.4 },
  },
  anthropic: {
    'claude-opus-4': { input: 15, output: 75 },
    'claude-opus-4-5': { input: 5, output: 25 },
    'claude-haiku-4-5': { input: 1, output: 5 },
    'claude-sonnet-4': { input: 3, output: 15 },
    'claude-3-7-sonnet': { input: 3, output: 15 },
    'claude-3-5-sonnet': { input: 3, output: 15 },
    'claude-3-5-haiku': { input: 0.8, output: 4 },
    'claude-3-opus': { input: 15, output: 75 },
    'claude-3-haiku': { input: 0.25, output: 1.25 },
  },
};

/** Providers that sell the same models under another name. */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = { 'azure.ai.openai': 'openai', 'az.ai.openai': 'openai' };

const priceFileSchema = z.record(
  z.string().min(1),
  z.record(z.string().min(1), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict()),
);

/** The default table with the entries of a JSON price file over it; throws naming the file and the bad entry. */
export function loadPriceTable(file: string | undefined): PriceTable {
  if (file === undefined) return DEFAULT_PRICES;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read price file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = priceFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`invalid price file ${file}: ${describeIssues(parsed.error)}`);
  }
  const merged: Record<string, Record<string, ModelPrice>> = {};
  for (const provider of new Set([...Object.keys(DEFAULT_PRICES), ...Object.keys(parsed.data)])) {
    merged[provider] = { ...DEFAULT_PRICES[provider], ...parsed.data[provider] };
  }
  return merged;
}

/**
 * The cost in USD of one LLM call, from its provider, model and token counts; undefined when the
 * model is not in the table. The response model (often dated) is tried before the requested one;
 * a call whose provider is missing or unknown is matched by model across providers.
 */
export function llmCallCost(prices: PriceTable, call: PricedCall): number | undefined {
  for (const model of [call.responseModel, call.requestModel]) {
    const price = model ? priceOf(prices, call.provider, model) : undefined;
    if (price) return (call.inputTokens * price.input + call.outputTokens * price.output) / 1_000_000;
  }
  return undefined;
}

/** What pricing a call needs (an LlmCall has it). */
export interface PricedCall {
  provider: string;
  requestModel: string;
  responseModel: string;
  inputTokens: number;
  outputTokens: number;
}

function priceOf(prices: PriceTable, provider: string, model: string): ModelPrice | undefined {
  const own = prices[PROVIDER_ALIASES[provider] ?? provider];
  if (own) return longestPrefixMatch(own, model);
  for (const table of Object.values(prices)) {
    const price = longestPrefixMatch(table, model);
    if (price) return price;
  }
  return undefined;
}

function longestPrefixMatch(table: Readonly<Record<string, ModelPrice>>, model: string): ModelPrice | undefined {
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : table[best];
}
