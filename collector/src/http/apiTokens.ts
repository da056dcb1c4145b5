import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a token may do: send spans, read the API, act (promote, roll back, change state). */
export const SCOPES = ['ingest', 'read', 'act'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiToken {
  /** A name for logs and metrics; the secret itself is never logged. */
  name: string;
  scopes: ReadonlySet<Scope>;
  digest: Buffer;
}

const entrySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9._~+/=-]{16,}:[a-z+]+$/, 'each token is name:secret:scope[+scope], the secret at least 16 characters')
  .transform((entry, ctx) => {
    const [name, secret, scopeList] = entry.split(':') as [string, string, string];
    const scopes = scopeList.split('+');
    const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `token '${name}' has unknown scope(s) ${unknown.join(', ')}; scopes are ${SCOPES.join(', ')}`,
      });
      return z.NEVER;
    }
    return { name, secret, scopes: new Set(scopes as Scope[]) };
  });

/** `TRUMPETS_TOKENS`: comma-separated `name:secret:scope+scope` entries. */
export const tokensSchema = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .pipe(z.array(entrySchema))
  .transform((entries) => entries.map(({ name, secret, scopes }) => ({ name, scopes, digest: digestOf(secret) })));

/** Tokens compare as SHA-256 digests in constant time, so neither length nor content leaks through timing. */
function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** The token a presented secret belongs to, checking every token so the time taken does not depend on which matched. */
export function findToken(tokens: readonly ApiToken[], presented: string): ApiToken | undefined {
  const digest = digestOf(presented);
  let found: ApiToken | undefined;
  for (const token of tokens) if (timingSafeEqual(token.digest, digest)) found = token;
  return found;
}
