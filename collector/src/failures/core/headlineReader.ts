import type { TemplateState } from './modelState.ts';
import { errorTypeOf, isGenericErrorType, namedTypeOf, typeKeyOf } from './errorHeadline.ts';
import { digitBlindHashes } from './digitBlindKey.ts';
import { contentWords, templateTokensOf } from './tokens.ts';

/** Headlines remembered with their tokens: many failures repeat a message word for word. */
const MAX_REMEMBERED = 50_000;
const DIGITS = /[0-9]/g;

/** A failure's error type, its key (specific types only, else ''), and whether only the message names it. */
export interface ResolvedType {
  errorType: string;
  typeKey: string;
  /** The recorded type without its module path, '' when none. */
  recorded: string;
  named: boolean;
}

export interface ParsedHeadline {
  tokens: string[];
  /** The type the message names (`CardDeclinedError: …`), '' when none. */
  namedType: string;
  /** Computed when first needed: most failures fit a template of their own type. */
  words?: string[];
  /** Per place (a FailureModel's own object) and recorded type, the template it went to and the place's version then. */
  memo?: Map<object, Map<string, { version: number; template: TemplateState }>>;
}

/**
 * A headline remembered by its key's second hash (not the headline itself: held, a headline read
 * from the store kept its whole column's text alive), and the next one of the same first hash.
 */
interface RememberedHeadline {
  check: number;
  parsed: ParsedHeadline;
  next: RememberedHeadline | undefined;
}

/** What a failure's headline and recorded type say, each worked out once and remembered. */
export class HeadlineReader {
  /**
   * By a hash that reads every digit as 0 and every lone hex id as one placeholder, so a headline
   * is looked up without a key string made for it: replacing its digits made most of the garbage a
   * clustering pass left, and request and transaction ids, which differ in letters too, made most
   * of the headlines it still masked.
   */
  private readonly parsed = new Map<number, RememberedHeadline>();
  private parsedCount = 0;
  /** The key of the headline being parsed: `digitBlindHashes` writes it here, so nothing is allocated for it. */
  private readonly key = new Int32Array(2);
  /** By recorded type, then named type: no key built per failure. */
  private readonly types = new Map<string, Map<string, ResolvedType>>();
  private typeCount = 0;

  /**
   * Headlines are remembered with every digit read as 0, and each hex id standing alone (see
   * `digitBlindKey.ts`) read as one placeholder: masking treats digits by class, never by value, and
   * masks such an id whole, so `[req 9f30e1a2] order ORD-48213 timed out after 30s` and
   * `[req c504f223] order ORD-7 timed out after 12s` mask alike and are masked once.
   */
  parse(headline: string): ParsedHeadline {
    digitBlindHashes(headline, this.key);
    const hash = this.key[0]!;
    const check = this.key[1]!;
    let first = this.parsed.get(hash);
    for (let remembered = first; remembered; remembered = remembered.next) if (remembered.check === check) return remembered.parsed;
    if (this.parsedCount >= MAX_REMEMBERED) {
      this.parsed.clear();
      this.parsedCount = 0;
      first = undefined;
    }
    const parsed = { tokens: templateTokensOf(headline.replace(DIGITS, '0')), namedType: namedTypeOf(headline) };
    this.parsed.set(hash, { check, parsed, next: first });
    this.parsedCount++;
    return parsed;
  }

  /** The error type and its key (specific types only, else ''), remembered per recorded and named type. */
  typeOf(recorded: string, headline: string, named: string): ResolvedType {
    let byNamed = this.types.get(recorded);
    let type = byNamed?.get(named);
    if (!type) {
      if (this.typeCount >= MAX_REMEMBERED) {
        this.types.clear();
        this.typeCount = 0;
        byNamed = undefined;
      }
      const errorType = errorTypeOf(recorded, headline, named);
      const typeKey = isGenericErrorType(errorType) ? '' : typeKeyOf(errorType);
      const trimmed = recorded === '_OTHER' ? '' : recorded.trim();
      const recordedType = trimmed.slice(trimmed.lastIndexOf('.') + 1);
      type = { errorType, typeKey, recorded: recordedType, named: typeKey !== '' && isGenericErrorType(recordedType) };
      if (!byNamed) {
        byNamed = new Map();
        this.types.set(recorded, byNamed);
      }
      byNamed.set(named, type);
      this.typeCount++;
    }
    return type;
  }
}

/** The content words of a headline, computed when first needed. */
export function wordsOf(parsed: ParsedHeadline): string[] {
  return (parsed.words ??= contentWords(parsed.tokens));
}
