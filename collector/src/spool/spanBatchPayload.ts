/**
 * What one spool record holds: the trace ids it touches (so the assembler can be told after the
 * rows are stored) and the rows as JSONCompactEachRow text, ready to insert unchanged.
 */
export function encodeSpanBatch(traceIds: readonly string[], rowsText: string): Buffer {
  return Buffer.from(`${JSON.stringify(traceIds)}\n${rowsText}`);
}

export function decodeSpanBatch(payload: Buffer): { traceIds: string[]; rowsText: Buffer } {
  const newline = payload.indexOf(10);
  return { traceIds: JSON.parse(payload.subarray(0, newline).toString()) as string[], rowsText: payload.subarray(newline + 1) };
}
