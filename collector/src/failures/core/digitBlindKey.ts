/**
 * The key a headline is remembered by (`HeadlineReader`): the headline with every digit read as 0
 * and every lone hex id (`blindIdAt`) read as one placeholder, hashed in place, with no key string
 * built. Two headlines of one key parse alike: they mask alike (`maskVariables` treats digits by
 * class and masks such an id whole) and name the same type (no type is read from a digit's value
 * or from such an id), so one is parsed for both; headlineReader.test.ts checks that against
 * parsing afresh for ids in every context a mask, a log prefix or a type reads.
 */

const ZERO = 0x30;
/** What a lone hex id or UUID adds to a headline's hash: outside UTF-16, so no character hashes alike. */
const HEX_ID_UNIT = 0x10000;
const UUID_UNIT = 0x10001;
const HYPHEN = 0x2d;
const COLON = 0x3a;

/** What an ASCII character is to `blindIdAt`, as bits of `CLASS_OF`: a table, as this runs on every character of every headline. */
const WORD = 1;
const DIGIT = 2;
const HEX = 4;
const SPACE = 8;
/** Before an id: nothing any mask extends across (not `.` `,` `:` `-` `/` `@` `+` or a currency sign). */
const OPENS = 16;
/** After an id: nothing a URL, an e-mail, a path, a UUID or a number continues with. */
const CLOSES = 32;
const CLASS_OF = new Uint8Array(128);
for (let unit = 0; unit < 128; unit++) {
  const char = String.fromCharCode(unit);
  CLASS_OF[unit] =
    (/\w/.test(char) ? WORD : 0) |
    (/\d/.test(char) ? DIGIT : 0) |
    (/[0-9a-fA-F]/.test(char) ? HEX : 0) |
    (/\s/.test(char) ? SPACE : 0) |
    ('([{<=#\'"'.includes(char) ? OPENS : 0) |
    (')]}>,;\'"!?'.includes(char) ? CLOSES : 0);
}
const classOf = (unit: number) => (unit < 128 ? CLASS_OF[unit]! : 0);
const CURRENCY = new Set([...'$€£¥'].map((char) => char.charCodeAt(0)));

/**
 * Where a lone hex id starting at `start` (a word's first character) ends, as `end * 2 + 1` for a
 * UUID and `end * 2` for a hex id (8 or more hex characters, a digit and a letter among them), or
 * -1 when none starts there. Lone: with nothing before or after it that any pattern of
 * `maskVariables`, of the log prefixes or of the types a message names (`namedTypeOf`) reads
 * across, so whatever its characters such an id masks to `<UUID>` or `<HEX>` whole, no type is
 * read from it, and two headlines that differ only there parse alike. Anything less certain (an id
 * in a path or a URL, after `$` or `1.`, before `@` or `://`) is read character by character.
 */
function blindIdAt(text: string, start: number): number {
  if (start > 0) {
    const before = classOf(text.charCodeAt(start - 1));
    if (before & SPACE) {
      // After `$ ` an amount, after `2024-01-01 ` a time (and a log prefix) may take its digits.
      const beforeSpace = start > 1 ? text.charCodeAt(start - 2) : 0;
      if (CURRENCY.has(beforeSpace) || classOf(beforeSpace) & DIGIT) return -1;
    } else if (!(before & OPENS)) return -1;
  }
  let end = start;
  let digits = 0;
  for (; end < text.length; end++) {
    const unit = classOf(text.charCodeAt(end));
    if (!(unit & HEX)) break;
    if (unit & DIGIT) digits++;
  }
  let kind = 0;
  if (end - start === 8 && text.charCodeAt(end) === HYPHEN) {
    end = uuidEnd(text, end);
    if (end < 0) return -1;
    kind = 1;
  } else if (end - start < 8 || digits === 0 || digits === end - start) return -1;
  if (end < text.length) {
    if (!(classOf(text.charCodeAt(end)) & (SPACE | CLOSES))) return -1;
    // Nor before a colon, past any space (a non-ASCII character may be one): `Ba12Cdef :` reads as
    // a type at a message's head.
    let next = end;
    while (next < text.length && classOf(text.charCodeAt(next)) & SPACE) next++;
    if (text.charCodeAt(next) === COLON || text.charCodeAt(next) >= 128) return -1;
  }
  return end * 2 + kind;
}

/** Where a UUID whose first 8 hex characters end at `hyphen` ends (its groups of 4, 4, 4 and 12), else -1. */
function uuidEnd(text: string, hyphen: number): number {
  let at = hyphen;
  for (const length of UUID_GROUPS) {
    if (text.charCodeAt(at) !== HYPHEN) return -1;
    at++;
    for (let i = 0; i < length; i++, at++) if (!(classOf(text.charCodeAt(at)) & HEX)) return -1;
  }
  return at < text.length && classOf(text.charCodeAt(at)) & WORD ? -1 : at;
}

const UUID_GROUPS = [4, 4, 4, 12];

/**
 * The headline's key as two hashes written to `into`: FNV-1a over its UTF-16 units (each digit read
 * as 0, each lone hex id as one placeholder) cut to 30 bits, a small integer to file it by; and a
 * second 32-bit hash of the same units, multiplied and shifted, that stands in for comparing the
 * headlines themselves. Two headlines of one 62-bit key that are not alike are a chance of about
 * 2^-62 a pair: less than one in 10^13 for a headline against all the reader remembers. Compared
 * character by character, alike headlines cost about a tenth of a pass.
 */
export function digitBlindHashes(headline: string, into: Int32Array): void {
  let hash = 0x811c9dc5;
  let check = 0x9747b28c;
  let inWord = false;
  for (let i = 0; i < headline.length;) {
    let unit = headline.charCodeAt(i);
    const kind = classOf(unit);
    const id = kind & HEX && !inWord ? blindIdAt(headline, i) : -1;
    if (id >= 0) {
      // A lone id ends before a character of no word, so no word goes on after it.
      unit = id & 1 ? UUID_UNIT : HEX_ID_UNIT;
      i = id >> 1;
    } else {
      inWord = (kind & WORD) !== 0;
      if (kind & DIGIT) unit = ZERO;
      i++;
    }
    hash = Math.imul(hash ^ unit, 0x01000193);
    check = Math.imul(check ^ unit, 0x5bd1e995);
    check ^= check >>> 13;
  }
  into[0] = hash & 0x3fff_ffff;
  into[1] = check;
}
