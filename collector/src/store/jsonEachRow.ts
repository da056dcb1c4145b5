/** Rows as one JSONEachRow payload (one JSON object a line), the format both backends insert. */
export function toJsonEachRow(rows: readonly object[]): Buffer {
  let text = '';
  for (const row of rows) text += JSON.stringify(row) + '\n';
  return Buffer.from(text);
}
