import { z } from 'zod';

/** Names of agents, sets and authors: what people type, bounded so they stay readable. */
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** A config version: the sha256 of the config's canonical JSON, in hex. */
export const versionSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a config version (64 hex characters)');

/** Ids the collector hands out (UUIDs). */
export const idSchema = z.uuid({ error: 'must be an id the collector returned (a UUID)' });

/** Set ids are chosen by people and appear in URLs: lowercase words joined by - or _. */
export const setIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'must be lowercase letters, digits, - and _ (up to 100)');

export const tagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'tags are lowercase letters, digits, - and _ (e.g. edge, high-risk)');
