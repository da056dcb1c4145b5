import { resolveRelease, withEpisode } from '@trumpets/instrumentation';
import { createRandom, type Random } from '../../shared/random.ts';
import { answerCustomer, workflowOf } from './supportAgent.ts';
import { SUPPORT_AGENT, type SupportConfig } from './supportConfig.ts';
import type { SupportDesk } from './supportDesk.ts';
import type { VirtualClock } from './virtualClock.ts';

export interface TrafficOptions {
  episodes: number;
  /** Simulated start of the first episode and the gap between starts; gap 0 starts each at the real now. */
  startMs: number;
  gapMs: number;
  seed: number;
  /** Customers (request keys) the traffic comes from; each stays on one release. */
  customers: number;
  collectorUrl: string;
  token?: string;
  fallback: SupportConfig;
  desk: SupportDesk;
  clock: VirtualClock;
  concurrency?: number;
  onEpisode?: (done: number) => void;
}

export interface TrafficReport {
  episodes: number;
  failed: number;
  /** Episodes per release id that served them. */
  byRelease: Map<string, number>;
}

/**
 * Production traffic of the support agent: each request resolves its release by the customer's
 * key (resolveRelease), runs the config that release serves, and is traced as one episode.
 */
export async function sendSupportTraffic(options: TrafficOptions): Promise<TrafficReport> {
  const report: TrafficReport = { episodes: 0, failed: 0, byRelease: new Map() };
  let next = 0;
  const worker = async () => {
    while (next < options.episodes) {
      const n = next++;
      const random = createRandom(options.seed * 1_000_003 + n);
      const customer = `C-${1000 + random.below(options.customers)}`;
      const message = customerMessage(random);
      const release = await resolveRelease<SupportConfig>({
        agent: SUPPORT_AGENT,
        key: customer,
        collector: { baseUrl: options.collectorUrl, token: options.token },
        fallback: { config: options.fallback },
        refreshMs: 500,
      });
      const startMs = options.gapMs > 0 ? options.startMs + n * options.gapMs : Date.now();
      try {
        await options.clock.run(startMs, () =>
          withEpisode(
            {
              agent: SUPPORT_AGENT,
              version: release.configVersion ?? 'unreleased',
              workflow: workflowOf(message),
              conversationId: `conv-${customer}-${n}`,
              input: message,
              release,
            },
            (episode) =>
              answerCustomer(message, release.config ?? options.fallback, episode, {
                ...options,
                draws: { faults: random, latency: random },
              }),
          ),
        );
      } catch {
        // The episode recorded the error as its failure; the simulation goes on.
        report.failed++;
      }
      report.episodes++;
      const releaseId = release.releaseId ?? 'none';
      report.byRelease.set(releaseId, (report.byRelease.get(releaseId) ?? 0) + 1);
      options.onEpisode?.(report.episodes);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return report;
}

/** A customer message: refunds, order status and policy questions, a few asking for a person. */
export function customerMessage(random: Random): string {
  const orderId = `ORD-${random.between(10000, 99999)}`;
  const roll = random.next();
  if (roll < 0.4)
    return random.pick([
      `I want a refund for ${orderId}.`,
      `Please refund order ${orderId}, it arrived broken.`,
      `Can I get my money back for ${orderId}? refund please`,
    ]);
  if (roll < 0.75) return random.pick([`Where is my order ${orderId}?`, `Has ${orderId} shipped yet?`, `Any update on order ${orderId}?`]);
  if (roll < 0.96)
    return random.pick([
      'How long do I have to return an item?',
      'What is your shipping time for express orders?',
      'Does my laptop have a warranty?',
      'Can I return a gift without the receipt?',
    ]);
  return random.pick(['I need to talk to a human about my account.', 'Get me a manager, this is the third time I write.']);
}
