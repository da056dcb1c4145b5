import { describe, expect, it } from 'vitest';
import { maskVariables } from './maskVariables.ts';

describe('maskVariables', () => {
  it.each([
    ['order ORD-48213 not found', 'order <ID> not found'],
    ['request id 3f2a6c1e-8b1d-4c2e-9f3a-1b2c3d4e5f60 failed', 'request id <UUID> failed'],
    ['GET https://orders.internal/api/v2/orders/7?x=1 returned 502', 'GET <URL> returned <NUM>'],
    ['no account for alice.12@example.com', 'no account for <EMAIL>'],
    ['token expired at 2026-11-24T10:00:00.123Z', 'token expired at <TIME>'],
    ['could not connect to 10.0.3.7:5432', 'could not connect to <IP>'],
    ['timed out after 30000ms, then after 2.5 s', 'timed out after <DURATION>, then after <DURATION>'],
    ['refund of $312.50 exceeds 200.00 USD', 'refund of <AMOUNT> exceeds <AMOUNT>'],
    ['payload of 12.5 MB is too large', 'payload of <SIZE> is too large'],
    ['commit deadbeef12 at 0x1F', 'commit <HEX> at <HEX>'],
    ['unknown tool \'get_weather\' and "lookup order"', 'unknown tool <STR> and <STR>'],
    ['at render (/app/src/invoices/render.ts:88:23)', 'at render (<PATH>)'],
    ['retry 3 of 5 (45%)', 'retry <NUM> of <NUM> (<NUM>)'],
  ])('%s', (text, masked) => {
    expect(maskVariables(text)).toBe(masked);
  });

  it("leaves apostrophes in words alone, so a customer's card is not a quoted value", () => {
    expect(maskVariables("can't charge the customer's card")).toBe("can't charge the customer's card");
  });

  it('gives messages that differ only in their variables the same text', () => {
    const a = maskVariables('Refund of $312.50 for order ORD-48213 exceeds the limit (request 9f8e7d6c-1111-4222-8333-944455556666)');
    const b = maskVariables('Refund of $19.99 for order ORD-00017 exceeds the limit (request 0a1b2c3d-aaaa-4bbb-8ccc-dddddddddddd)');
    expect(a).toBe(b);
  });
});
