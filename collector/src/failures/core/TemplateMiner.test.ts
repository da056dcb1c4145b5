import { describe, expect, it } from 'vitest';
import { TemplateMiner, type MinedTemplate } from './TemplateMiner.ts';

const tokens = (text: string) => text.split(' ');

function mine(miner: TemplateMiner, scope: string, text: string, id: string): MinedTemplate {
  const found = miner.match(scope, tokens(text));
  if (found) return found.template;
  const template = { templateId: id, scopeKey: scope, route: miner.routeFor(tokens(text), scope), tokens: tokens(text) };
  miner.add(template);
  return template;
}

describe('TemplateMiner (Drain)', () => {
  it('merges messages that differ in a minority of positions and marks those positions <*>', () => {
    const miner = new TemplateMiner();
    const first = mine(miner, 's', 'permission to refund denied for user alice', 't1');
    const second = mine(miner, 's', 'permission to refund denied for user bob', 't2');
    expect(second).toBe(first);
    expect(first.tokens.join(' ')).toBe('permission to refund denied for user <*>');
  });

  it('keeps messages apart when too few positions agree, when lengths differ, or when scopes differ', () => {
    const miner = new TemplateMiner({ similarity: 0.5 });
    const a = mine(miner, 's', 'connection refused by database server', 'a');
    expect(mine(miner, 's', 'deadlock detected on accounts table', 'b')).not.toBe(a);
    expect(mine(miner, 's', 'connection refused by database', 'c')).not.toBe(a);
    expect(mine(miner, 'other', 'connection refused by database server', 'd')).not.toBe(a);
  });

  it('places a restored template where it was created, so it matches as before', () => {
    const original = new TemplateMiner();
    const template = mine(original, 's', 'quota exceeded for project alpha', 't');
    mine(original, 's', 'quota exceeded for project beta', 'u');
    const restored = new TemplateMiner();
    restored.add({ ...template, tokens: [...template.tokens] });
    expect(restored.match('s', tokens('quota exceeded for project gamma'))?.template.templateId).toBe('t');
  });

  it('lets the caller refuse a match', () => {
    const miner = new TemplateMiner();
    mine(miner, 's', 'card declined by issuer', 't');
    expect(miner.match('s', tokens('card declined by issuer'), () => false)).toBeUndefined();
  });
});
