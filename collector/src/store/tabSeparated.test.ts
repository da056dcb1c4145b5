import { describe, expect, it } from 'vitest';
import { parseTabSeparatedWithNames, TabSeparatedReader } from './tabSeparated.ts';

/** A string as one TabSeparated field, escaped as the engine writes it. */
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const tabSeparatedField = (value: string) => value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]!);

const result = (header: string[], rows: string[][]) =>
  `${header.join('\t')}\n${rows.map((row) => row.map(tabSeparatedField).join('\t')).join('\n')}\n`;

function readAll(text: string, columns: string[]): string[][] {
  const reader = new TabSeparatedReader(text, columns);
  const rows: string[][] = [];
  while (reader.hasRow()) rows.push([reader.field(), reader.sharedField(), reader.lastField()]);
  return rows;
}

describe('TabSeparatedReader', () => {
  const columns = ['Id', 'Kind', 'Text'];

  it('reads each field as written, escapes undone wherever they fall, empty fields kept', () => {
    const rows = [
      ['a\\1', 'plain', 'tab\there'],
      ['b', '', 'line\nbreak and back\\slash'],
      ['', 'x\ty', ''],
      ['c', 'plain', 'no escapes'],
    ];
    expect(readAll(result(columns, rows), columns)).toEqual(rows);
  });

  it('reads what parseTabSeparatedWithNames reads', () => {
    const text = result(columns, [
      ['1', 'k', 'first'],
      ['2', 'k', 'sec\\ond'],
    ]);
    const objects = parseTabSeparatedWithNames<Record<string, string>>(text).map((row) => columns.map((name) => row[name]));
    expect(readAll(text, columns)).toEqual(objects);
  });

  it('reads a last row without its newline, and a result with no rows or no header at all', () => {
    expect(readAll('Id\tKind\tText\n1\tk\tend', columns)).toEqual([['1', 'k', 'end']]);
    expect(readAll('Id\tKind\tText\n', columns)).toEqual([]);
    expect(readAll('', columns)).toEqual([]);
  });

  it('refuses a result whose columns are not the ones its reader reads', () => {
    expect(() => new TabSeparatedReader('Id\tText\tKind\n1\ta\tk\n', columns)).toThrow(
      /has columns Id, Text, Kind, its reader expects Id, Kind, Text/,
    );
  });
});
