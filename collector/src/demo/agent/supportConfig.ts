/** What the demo support agent runs by: the document releases version and proposals change one field of. */
export interface SupportConfig {
  model: string;
  prompt: { system: string[] };
  refund: {
    /** Refunds above this need a person's approval. */
    autoApproveLimit: number;
    /** Compare the amount with the limit before calling issue_refund (the baseline forgets to). */
    checkLimitFirst: boolean;
  };
  orderStatus: { carrierRetries: number };
  policy: {
    /** Quote the knowledge base's internal notes verbatim (they hold staff-only details). */
    quoteInternalNotes: boolean;
  };
}

/** The config everyone runs at the start of the demo: it has two flaws the loop finds. */
export const BASELINE_SUPPORT_CONFIG: SupportConfig = {
  model: 'gpt-4o-mini',
  prompt: {
    system: [
      'You are the support agent of an online shop.',
      'Answer in two sentences at most.',
      'Use the tools to look up orders; never guess an order status.',
    ],
  },
  refund: { autoApproveLimit: 200, checkLimitFirst: false },
  orderStatus: { carrierRetries: 0 },
  policy: { quoteInternalNotes: false },
};

export const SUPPORT_AGENT = 'support-agent';
