import { FINISH_REASON } from '@trumpets/protocol/conventions';

/** One message in the shape of `gen_ai.input.messages` / `gen_ai.output.messages`. */
export interface GenAiMessage {
  role: string;
  parts: Array<Record<string, unknown>>;
  finish_reason?: string;
}

/** OpenAI finish reasons in the conventions' spelling. */
const FINISH_REASONS: Readonly<Record<string, string>> = {
  stop: FINISH_REASON.STOP,
  length: FINISH_REASON.LENGTH,
  tool_calls: FINISH_REASON.TOOL_CALL,
  function_call: FINISH_REASON.TOOL_CALL,
  content_filter: FINISH_REASON.CONTENT_FILTER,
};

export function finishReason(openaiReason: string): string {
  return FINISH_REASONS[openaiReason] ?? openaiReason;
}

/** Chat Completions request messages in the conventions' shape (text parts; other parts by type only). */
export function inputMessages(messages: unknown): GenAiMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((message: Record<string, unknown>) => {
    const role = String(message['role']);
    if (role === 'tool')
      return { role, parts: [{ type: 'tool_call_response', id: message['tool_call_id'], response: message['content'] }] };
    const parts = contentParts(message['content']);
    for (const call of Array.isArray(message['tool_calls']) ? message['tool_calls'] : []) {
      const fn = (call as { id?: unknown; function?: { name?: unknown; arguments?: unknown } }).function;
      parts.push({ type: 'tool_call', id: (call as { id?: unknown }).id, name: fn?.name, arguments: fn?.arguments });
    }
    return { role, parts };
  });
}

function contentParts(content: unknown): Array<Record<string, unknown>> {
  if (typeof content === 'string') return [{ type: 'text', content }];
  if (!Array.isArray(content)) return [];
  return content.map((part: { type?: unknown; text?: unknown }) =>
    part?.type === 'text' ? { type: 'text', content: part.text } : { type: String(part?.type) },
  );
}
