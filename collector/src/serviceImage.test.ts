import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dockerfile = readFileSync(`${ROOT}collector/Dockerfile`, 'utf8');
/** The instructions of the image's last stage: what ships. */
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

/** No Docker engine runs here: these check what the image would be, from its Dockerfile and the compose file. */
describe('collector image', () => {
  it('ships the build output and production dependencies only, as a non-root user, health-checked on /readyz', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(finalStage).toMatch(/^COPY --from=build \/out \/app$/m);
    expect(finalStage).not.toMatch(/pnpm install|tsx|typescript/);
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
    expect(finalStage).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/cli\.js"\]$/m);
  });

  it('is what docker compose builds and runs for the collector and the demo agent', () => {
    const compose = readFileSync(`${ROOT}docker-compose.yml`, 'utf8');
    expect(compose).toMatch(
      /collector:\n(?: {4}#.*\n)? {4}image: trumpets-collector\n {4}build:\n {6}context: \.\n {6}dockerfile: collector\/Dockerfile\n/,
    );
    expect(compose).toMatch(/demo-agent:\n {4}image: trumpets-collector\n/);
    expect(existsSync(`${ROOT}collector/Dockerfile`)).toBe(true);
    // The build context leaves out what a checkout has built or installed locally.
    expect(readFileSync(`${ROOT}.dockerignore`, 'utf8').split('\n')).toEqual(expect.arrayContaining(['**/node_modules', '**/dist']));
  });
});
