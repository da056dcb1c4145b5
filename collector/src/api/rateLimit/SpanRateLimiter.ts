interface Bucket {
  spans: number;
  updatedMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket of spans per caller: `spansPerSecond` refill, two seconds of burst (at least one
 * maximal request). A request that does not fit is refused whole with the wait that would make it
 * fit, which OTLP exporters honour through Retry-After.
 */
export class SpanRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;

  constructor(
    private readonly spansPerSecond: number,
    maxSpansPerRequest: number,
  ) {
    this.capacity = Math.max(spansPerSecond * 2, maxSpansPerRequest);
  }

  take(caller: string, spans: number, nowMs = Date.now()): RateDecision {
    if (this.spansPerSecond === 0) return { allowed: true };
    const bucket = this.buckets.get(caller) ?? { spans: this.capacity, updatedMs: nowMs };
    bucket.spans = Math.min(this.capacity, bucket.spans + ((nowMs - bucket.updatedMs) / 1000) * this.spansPerSecond);
    bucket.updatedMs = nowMs;
    this.buckets.set(caller, bucket);
    if (bucket.spans >= spans) {
      bucket.spans -= spans;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((spans - bucket.spans) / this.spansPerSecond)) };
  }
}
