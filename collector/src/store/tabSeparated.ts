/**
 * ClickHouse's TabSeparated format: one line per row, values separated by tabs, with tab,
 * newline, carriage return and backslash written as `\t`, `\n`, `\r`, `\\` (and `\b`, `\f`, `\0`,
 * `\'` read back too). For large reads it is the cheapest text format on both sides: the engine
 * formats it in half the time of JSON, and most values need no unescaping at all.
 */

const UNESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', '\\': '\\', "'": "'" };
const ESCAPE_SEQUENCE = /\\(.)/gs;

function unescapeField(field: string): string {
  return field.indexOf('\\') === -1 ? field : field.replace(ESCAPE_SEQUENCE, (_, char: string) => UNESCAPES[char] ?? char);
}

/**
 * Rows of a TabSeparatedWithNames result as objects keyed by its header, every value its text
 * (numbers as ClickHouse writes them, arrays as literals): for reads that want strings anyway.
 */
export function parseTabSeparatedWithNames<Row>(text: string): Row[] {
  const lines = text.split('\n');
  const names = (lines[0] ?? '').split('\t');
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length === 0) continue;
    const fields = line.split('\t');
    const row: Record<string, string> = {};
    for (let j = 0; j < names.length; j++) row[names[j]!] = unescapeField(fields[j] ?? '');
    rows.push(row as Row);
  }
  return rows;
}

/**
 * Reads a TabSeparatedWithNames result field by field, in place: no array of lines or fields and
 * no row objects, for readers that build their own records from many rows. The header must be
 * the columns the reader reads, in order, so a query and its reader cannot drift apart unnoticed.
 */
export class TabSeparatedReader {
  private position: number;
  /** Where the next backslash is (Infinity when none): a field before it needs no unescaping. */
  private nextBackslash: number;
  private readonly shared = new Map<string, string>();

  constructor(
    private readonly text: string,
    columns: readonly string[],
  ) {
    const headerEnd = lineEnd(text, 0);
    const header = text.slice(0, headerEnd);
    // An engine may leave out the header of an empty result.
    if (text.length > 0 && header !== columns.join('\t'))
      throw new Error(`a TabSeparated result has columns ${header.split('\t').join(', ')}, its reader expects ${columns.join(', ')}`);
    this.position = Math.min(headerEnd + 1, text.length);
    this.nextBackslash = backslashFrom(text, this.position);
  }

  /** Whether another row follows (a result ends with a newline, or not). */
  hasRow(): boolean {
    return this.position < this.text.length;
  }

  /** The next field of the row, not its last. */
  field(): string {
    const end = this.text.indexOf('\t', this.position);
    return this.take(end === -1 ? this.text.length : end);
  }

  /** The row's last field; the reader moves on to the next row. */
  lastField(): string {
    return this.take(lineEnd(this.text, this.position));
  }

  /**
   * The next field (not the last), as one string per distinct value: for small vocabularies
   * (agents, workflows, tools, types), so many rows hold a few strings, not one each.
   */
  sharedField(): string {
    const value = this.field();
    const known = this.shared.get(value);
    if (known !== undefined) return known;
    this.shared.set(value, value);
    return value;
  }

  private take(end: number): string {
    const start = this.position;
    this.position = end + 1;
    if (this.nextBackslash >= end) return this.text.slice(start, end);
    this.nextBackslash = backslashFrom(this.text, end);
    return unescapeField(this.text.slice(start, end));
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

function backslashFrom(text: string, from: number): number {
  const at = text.indexOf('\\', from);
  return at === -1 ? Infinity : at;
}
