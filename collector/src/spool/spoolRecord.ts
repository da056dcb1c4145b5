import { crc32 } from 'node:zlib';

/**
 * One acknowledged request in the spool: `[u32 length][u32 crc32][payload]`. The checksum lets
 * replay tell a record that was fully written from one torn by a crash mid-write (which was
 * never acknowledged, since acknowledgement waits for fsync).
 */
const HEADER_BYTES = 8;

/** The record's header; write it and the payload together (writev), so the payload is never copied. */
export function spoolRecordHeader(payload: Buffer): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return header;
}

export interface DecodedSegment {
  payloads: Buffer[];
  /** Bytes after the last whole record: a write torn by a crash, or corruption. */
  trailingBytes: number;
}

/** The whole records of a segment file, in order, stopping at the first torn or corrupt one. */
export function decodeSpoolSegment(data: Buffer): DecodedSegment {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= data.length) {
    const length = data.readUInt32LE(offset);
    const end = offset + HEADER_BYTES + length;
    if (end > data.length) break;
    const payload = data.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== data.readUInt32LE(offset + 4)) break;
    payloads.push(payload);
    offset = end;
  }
  return { payloads, trailingBytes: data.length - offset };
}
