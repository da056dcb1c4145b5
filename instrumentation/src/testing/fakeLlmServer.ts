import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Token counts and text every fake answer carries, so tests can check what reached the spans. */
export const FAKE_LLM = {
  reply: 'Your order ORD-1 shipped yesterday.',
  openai: { model: 'gpt-4o-mini-2024-07-18', promptTokens: 120, completionTokens: 30 },
  anthropic: { model: 'claude-3-5-haiku-20241022', inputTokens: 200, outputTokens: 40 },
  /** A message containing this makes the server answer 400, as the real APIs do for a bad request. */
  failTrigger: 'PLEASE FAIL',
} as const;

export interface FakeLlmServer {
  /** Base URL for the OpenAI client (`baseURL`); it ends in `/v1`. */
  openaiBaseUrl: string;
  /** Base URL for the Anthropic client (`baseURL`). */
  anthropicBaseUrl: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that answers like the OpenAI Chat Completions and Anthropic Messages APIs
 * (JSON and server-sent events), so the real SDK packages can be tested without a network.
 */
export async function startFakeLlmServer(): Promise<FakeLlmServer> {
  const server = createServer((request, response) => {
    readJson(request).then(
      (body) => answer(request.url ?? '', body, response),
      () => response.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    openaiBaseUrl: `${base}/v1`,
    anthropicBaseUrl: base,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function answer(path: string, body: Record<string, unknown>, response: ServerResponse): void {
  const failing = JSON.stringify(body['messages'] ?? '').includes(FAKE_LLM.failTrigger);
  if (path === '/v1/chat/completions') {
    if (failing)
      return json(response, 400, { error: { message: 'invalid request', type: 'invalid_request_error', code: null, param: null } });
    return body['stream'] ? openaiStream(body, response) : json(response, 200, openaiCompletion());
  }
  if (path === '/v1/messages') {
    if (failing) return json(response, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'invalid request' } });
    return body['stream'] ? anthropicStream(response) : json(response, 200, anthropicMessage());
  }
  json(response, 404, { error: { message: `no route ${path}` } });
}

function openaiCompletion() {
  const { model, promptTokens, completionTokens } = FAKE_LLM.openai;
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_764_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: FAKE_LLM.reply, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function openaiStream(body: Record<string, unknown>, response: ServerResponse): void {
  const { model, promptTokens, completionTokens } = FAKE_LLM.openai;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1_764_000_000,
    model,
    choices,
    ...extra,
  });
  const events: unknown[] = [
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    ...FAKE_LLM.reply
      .split(' ')
      .map((word, i) => chunk([{ index: 0, delta: { content: i === 0 ? word : ` ${word}` }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
  ];
  const includeUsage = (body['stream_options'] as { include_usage?: boolean } | undefined)?.include_usage === true;
  if (includeUsage)
    events.push(
      chunk([], {
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      }),
    );
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) response.write(`data: ${JSON.stringify(event)}\n\n`);
  response.end('data: [DONE]\n\n');
}

function anthropicMessage() {
  const { model, inputTokens, outputTokens } = FAKE_LLM.anthropic;
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: FAKE_LLM.reply }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens },
  };
}

function anthropicStream(response: ServerResponse): void {
  const { model, inputTokens, outputTokens } = FAKE_LLM.anthropic;
  const events: Array<[string, unknown]> = [
    [
      'message_start',
      {
        type: 'message_start',
        message: { ...anthropicMessage(), content: [], stop_reason: null, usage: { input_tokens: inputTokens, output_tokens: 1 }, model },
      },
    ],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: FAKE_LLM.reply } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    [
      'message_delta',
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } },
    ],
    ['message_stop', { type: 'message_stop' }],
  ];
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [name, data] of events) response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  response.end();
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
  });
}
