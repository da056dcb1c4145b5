import { describe, expect, it } from 'vitest';
import { canonicalJson, contentVersion } from '../shared/canonicalJson.ts';
import { ChangeConflict, applyChange, parsePointer } from './jsonPointer.ts';

const config = {
  prompts: { system: 'You are a support agent.' },
  thresholds: { refund_limit: 200 },
  routing: { rules: [{ match: 'refund', workflow: 'refunds' }] },
  'a/b': { '~x': 1 },
};

describe('canonical JSON and content versions', () => {
  it('gives the same version to the same content whatever the key order, and another to other content', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null })).toBe('{"a":null,"b":[1,{"c":3,"d":2}]}');
    expect(contentVersion({ x: 1, y: 2 })).toBe(contentVersion({ y: 2, x: 1 }));
    expect(contentVersion({ x: 1 })).not.toBe(contentVersion({ x: 2 }));
    expect(contentVersion({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('applying a change at a JSON Pointer', () => {
  it('replaces a value that holds the stated before, leaving the original untouched', () => {
    const changed = applyChange(config, '/thresholds/refund_limit', { before: 200, after: 150 });
    expect(changed).toMatchObject({ thresholds: { refund_limit: 150 }, prompts: config.prompts });
    expect(config.thresholds.refund_limit).toBe(200);
  });

  it('adds where nothing was, removes what was, and appends to arrays with "-"', () => {
    expect(applyChange(config, '/prompts/greeting', { after: 'Hi' })).toMatchObject({
      prompts: { greeting: 'Hi', system: config.prompts.system },
    });
    expect(applyChange(config, '/thresholds/refund_limit', { before: 200 })).toMatchObject({ thresholds: {} });
    const rule = { match: 'cancel', workflow: 'cancellations' };
    expect((applyChange(config, '/routing/rules/-', { after: rule }) as typeof config).routing.rules).toEqual([
      ...config.routing.rules,
      rule,
    ]);
    expect((applyChange(config, '/routing/rules/0', { before: config.routing.rules[0]! }) as typeof config).routing.rules).toEqual([]);
  });

  it('unescapes ~1 and ~0 as RFC 6901 says', () => {
    expect(parsePointer('/a~1b/~0x')).toEqual(['a/b', '~x']);
    expect(applyChange(config, '/a~1b/~0x', { before: 1, after: 2 })).toMatchObject({ 'a/b': { '~x': 2 } });
  });

  it('refuses a change written against something else, saying what the baseline holds', () => {
    expect(() => applyChange(config, '/thresholds/refund_limit', { before: 300, after: 150 })).toThrow(
      new ChangeConflict('/thresholds/refund_limit holds 200 in the baseline, not the stated "before" 300'),
    );
    expect(() => applyChange(config, '/prompts/system', { after: 'x' })).toThrow(/already holds "You are a support agent\."/);
    expect(() => applyChange(config, '/nowhere/deep', { before: 1, after: 2 })).toThrow(/does not exist in the baseline/);
    expect(() => applyChange(config, 'prompts/system', { after: 'x' })).toThrow(/must start with "\/"/);
    expect(() => applyChange(config, '', { before: config, after: {} })).toThrow(/whole config/);
  });
});
