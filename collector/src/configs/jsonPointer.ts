import { jsonEqual, type Json } from '../shared/canonicalJson.ts';

/** A proposal's change to one place in a config: `before` absent adds, `after` absent removes. */
export interface JsonChange {
  before?: Json;
  after?: Json;
}

/** The change does not fit the document: the proposal was written against something else. */
export class ChangeConflict extends Error {
  override name = 'ChangeConflict';
}

/** RFC 6901 JSON Pointer (an array's "-" names the place after its last item, for adding) → reference tokens ("/prompts/system" → ["prompts", "system"]). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new ChangeConflict(`"${pointer}" is not a JSON Pointer: it must start with "/" (e.g. /prompts/system)`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at the tokens, if there is one. */
export function valueAt(document: Json, tokens: readonly string[]): { found: true; value: Json } | { found: false } {
  let current: Json = document;
  for (const token of tokens) {
    const next = childOf(current, token);
    if (next === undefined) return { found: false };
    current = next;
  }
  return { found: true, value: current };
}

/**
 * The document with the change applied at the pointer, leaving the original untouched. The
 * document must hold exactly `before` there (or nothing, when `before` is absent), so a proposal
 * written against another version cannot silently apply.
 */
export function applyChange(document: Json, pointer: string, change: JsonChange): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new ChangeConflict('the pointer names the whole config; a change names one place inside it');
  const current = valueAt(document, tokens);
  if (change.before === undefined && current.found)
    throw new ChangeConflict(`${pointer} already holds ${preview(current.value)}; to change it, state it as "before"`);
  if (change.before !== undefined && !current.found)
    throw new ChangeConflict(`${pointer} does not exist in the baseline, so it cannot hold the stated "before"`);
  if (change.before !== undefined && current.found && !jsonEqual(current.value, change.before)) {
    throw new ChangeConflict(
      `${pointer} holds ${preview(current.value)} in the baseline, not the stated "before" ${preview(change.before)}`,
    );
  }
  return replaced(document, tokens, change.after, pointer);
}

function replaced(node: Json, tokens: readonly string[], after: Json | undefined, pointer: string): Json {
  const [token, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(node)) {
    const index = arrayIndex(node, token, rest.length === 0 ? node.length : node.length - 1, pointer);
    const copy = [...node];
    if (rest.length > 0) copy[index] = replaced(node[index]!, rest, after, pointer);
    else if (after === undefined) copy.splice(index, 1);
    else copy[index] = after;
    return copy;
  }
  if (node === null || typeof node !== 'object') throw new ChangeConflict(`${pointer} goes through ${preview(node)}, which has no members`);
  const copy: { [key: string]: Json } = { ...node };
  if (rest.length > 0) {
    const child = childOf(node, token);
    if (child === undefined) throw new ChangeConflict(`${pointer}: the baseline has no "${token}" to go through`);
    copy[token] = replaced(child, rest, after, pointer);
  } else if (after === undefined) delete copy[token];
  else copy[token] = after;
  return copy;
}

function childOf(node: Json, token: string): Json | undefined {
  if (Array.isArray(node)) return /^(0|[1-9]\d*)$/.test(token) ? node[Number(token)] : undefined;
  if (node !== null && typeof node === 'object' && Object.hasOwn(node, token)) return node[token];
  return undefined;
}

function arrayIndex(node: Json[], token: string, max: number, pointer: string): number {
  const index = token === '-' ? node.length : /^(0|[1-9]\d*)$/.test(token) ? Number(token) : Number.NaN;
  if (!(index <= max)) throw new ChangeConflict(`${pointer}: "${token}" is not an index of an array of ${node.length}`);
  return index;
}

function preview(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
