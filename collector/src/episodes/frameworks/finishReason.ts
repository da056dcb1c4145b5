import { FINISH_REASON } from '@trumpets/protocol/conventions';

const SPELLINGS: Record<string, string> = {
  stop: FINISH_REASON.STOP,
  end_turn: FINISH_REASON.STOP,
  stop_sequence: FINISH_REASON.STOP,
  complete: FINISH_REASON.STOP,
  length: FINISH_REASON.LENGTH,
  max_tokens: FINISH_REASON.LENGTH,
  tool_call: FINISH_REASON.TOOL_CALL,
  tool_calls: FINISH_REASON.TOOL_CALL,
  tool_use: FINISH_REASON.TOOL_CALL,
  function_call: FINISH_REASON.TOOL_CALL,
  content_filter: FINISH_REASON.CONTENT_FILTER,
  safety: FINISH_REASON.CONTENT_FILTER,
};

/**
 * One spelling for a call's finish reason, the GenAI conventions' (`stop`, `length`, `tool_call`,
 * `content_filter`): frameworks write `tool_calls`, `tool-calls`, `tool_use`, `max_tokens`, `end_turn`,
 * and some a JSON array of them. Reasons outside those stay, lower-cased with `_` for `-`.
 */
export function normaliseFinishReason(raw: string | undefined): string {
  if (raw === undefined) return '';
  let reason = raw.trim();
  if (reason.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(reason);
      reason = Array.isArray(parsed) && parsed.length > 0 ? String(parsed[0]) : '';
    } catch {
      // Not JSON after all: read it as one reason.
    }
  }
  const key = reason.toLowerCase().replaceAll('-', '_');
  return SPELLINGS[key] ?? key;
}
