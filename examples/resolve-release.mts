import { resolveRelease, setup, withEpisode } from '@trumpets/instrumentation';

interface SupportConfig {
  greeting: string;
}
const bundledConfig: SupportConfig = { greeting: 'Hello' };
const answer = (question: string, config: SupportConfig) => `${config.greeting}! Looking into "${question}" now.`;

const tracing = setup({ serviceName: 'support-bot' });
const user = { id: 'user-42' };
const question = 'Where is ORD-1?';

const release = await resolveRelease<SupportConfig>({
  agent: 'support',
  key: user.id, // keeps one user on one version across stages
  // Default collector: TRUMPETS_API_URL (else http://127.0.0.1:4318) with the read token in TRUMPETS_API_TOKEN.
  fallback: { config: bundledConfig }, // used only if the collector never answered in this process
});
await withEpisode({ agent: 'support', workflow: 'orders', input: question, release }, () =>
  answer(question, release.config ?? bundledConfig),
);
console.log(
  `${release.variant} release ${release.releaseId ?? 'none'} (config ${release.configVersion ?? 'bundled'}, bucket ${release.bucket})`,
);
await tracing.shutdown();
