/** One redaction rule: what to find and what to put in its place. */
export interface RedactionRule {
  /** Shown in the replacement, `[REDACTED:name]`, so readers know what was there. */
  name: string;
  /** Global regular expression of what to replace. */
  pattern: RegExp;
  /** Text put in place of each match; `$1`-style groups work. Default: `[REDACTED:{name}]`. */
  replacement?: string;
  /** Cheap test that must pass before the pattern runs: most text has nothing to redact. */
  mayMatch?(text: string): boolean;
  /** Further check of a match; a match it rejects is left as it is. */
  accept?(match: string): boolean;
}

export type BuiltInRuleName = 'email' | 'card' | 'secret';

/** Local part as RFC 5322 allows it unquoted (`!#$%&'*+/=?^_\`{|}~` included), then a dotted domain. */
const EMAIL: RedactionRule = {
  name: 'email',
  pattern: /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  mayMatch: (text) => text.includes('@'),
};

/** 13–19 digits, optionally grouped by spaces or dashes, that pass the Luhn check (order ids rarely do). */
const CARD: RedactionRule = {
  name: 'card',
  pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
  mayMatch: (text) => hasDigits(text, 13),
  accept: (match) => passesLuhn(match.replace(/[ -]/g, '')),
};

/**
 * Credentials by their well-known shapes (API keys of OpenAI, Anthropic, Stripe, AWS, GitHub, Slack,
 * Google; JWTs; bearer tokens; private keys) and `password=…`-style assignments, whose name is kept.
 */
const SECRET_SHAPES: RedactionRule = {
  name: 'secret',
  pattern: new RegExp(
    [
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/.source,
      /\b(?:sk|rk|pk)[-_][A-Za-z0-9][A-Za-z0-9_-]{19,}/.source,
      /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/.source,
      /\bgh[pousr]_[A-Za-z0-9]{36,}/.source,
      /\bgithub_pat_[A-Za-z0-9_]{22,}/.source,
      /\bxox[abprs]-[A-Za-z0-9-]{10,}/.source,
      /\bAIza[0-9A-Za-z_-]{35}/.source,
      /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/.source,
    ].join('|'),
    'g',
  ),
};

const BEARER: RedactionRule = {
  name: 'secret',
  pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/-]{15,}[A-Za-z0-9_~+/-]=*/gi, // not ending in `.`: that ends the sentence
  replacement: '$1[REDACTED:secret]',
  mayMatch: (text) => /bearer/i.test(text),
};

const ASSIGNED_SECRET: RedactionRule = {
  name: 'secret',
  pattern:
    /\b((?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["']?)[^\s"',;}&]{4,}/gi,
  replacement: '$1[REDACTED:secret]',
  mayMatch: (text) => text.includes('=') || text.includes(':'),
};

export const BUILT_IN_RULES: Readonly<Record<BuiltInRuleName, readonly RedactionRule[]>> = {
  email: [EMAIL],
  card: [CARD],
  secret: [SECRET_SHAPES, BEARER, ASSIGNED_SECRET],
};

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Whether the text has at least `count` digits: a card number cannot be there with fewer. */
function hasDigits(text: string, count: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++seen >= count) return true;
  }
  return false;
}
