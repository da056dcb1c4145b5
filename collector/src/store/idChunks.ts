/**
 * Most characters one id-list parameter holds: a server reads a parameter sent in the request body
 * as a form field of at most 128 KiB (`http_max_field_value_size`) and parses it within
 * `max_query_size` (256 KiB), both counted on the list as written, quoted, escaped and joined.
 */
export const MAX_ID_LIST_CHARS = 120_000;

/**
 * `ids` in order, cut into lists each small enough to bind as one `Array(String)` parameter on
 * every backend: a batch can ask for tens of thousands of ids (its flagged episodes, say).
 */
export function idChunks(ids: readonly string[], maxChars = MAX_ID_LIST_CHARS): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chars = 2;
  for (const id of ids) {
    // Written as 'id', with every character possibly escaped.
    const written = id.length * 2 + 3;
    if (chunk.length > 0 && chars + written > maxChars) {
      chunks.push(chunk);
      chunk = [];
      chars = 2;
    }
    chunk.push(id);
    chars += written;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
