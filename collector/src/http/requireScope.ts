import type { NextFunction, Request, Response } from 'express';
import { findToken, type ApiToken, type Scope } from './apiTokens.ts';

export interface AuthOptions {
  /** Empty: the collector runs open, which config allows only on a loopback address. */
  tokens: readonly ApiToken[];
}

/** The caller, once authenticated: the token's name, or `anonymous` when the collector runs open. */
export function callerOf(res: Response): string {
  return (res.locals.caller as string | undefined) ?? 'anonymous';
}

/**
 * Express middleware: the request must carry `Authorization: Bearer <secret>` of a token with
 * `scope`. 401 when the token is missing or unknown, 403 when it lacks the scope. `respond`
 * lets OTLP routes answer in the request's encoding.
 */
export function requireScope(
  scope: Scope,
  options: AuthOptions,
  respond: (res: Response, status: number, message: string) => void = (res, status, message) => void res.status(status).json({ message }),
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (options.tokens.length === 0) return next();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return respond(res, 401, 'missing credentials: send Authorization: Bearer <token>');
    const token = findToken(options.tokens, match[1]!);
    if (!token) return respond(res, 401, 'unknown token');
    if (!token.scopes.has(scope)) return respond(res, 403, `token '${token.name}' lacks the '${scope}' scope`);
    res.locals.caller = token.name;
    next();
  };
}
