import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { StandInOptions, StandInRequest } from './clickHouseServerStandIn.ts';

const MAIN = fileURLToPath(new URL('./clickHouseServerStandInMain.ts', import.meta.url));

/** The ClickHouse server stand-in as a process of its own, reachable at `url` with `username`/`password`. */
export interface ClickHouseServerStandIn {
  url: string;
  username: string;
  password: string;
  /** Every request answered so far, with the settings it carried: what the client really sent. */
  readonly requests: readonly StandInRequest[];
  /** SIGKILL, as a server that crashed: clients see refused connections until `restart`. */
  kill(): Promise<void>;
  /** Start again on the same port and data directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startClickHouseServerStandIn(options: StandInOptions): Promise<ClickHouseServerStandIn> {
  const settings = { username: 'default', password: 'stand-in-password', ...options };
  const requests: StandInRequest[] = [];
  let child: ChildProcess;
  const launch = async (port: number | undefined): Promise<number> => {
    child = spawn(process.execPath, ['--import', 'tsx', MAIN, JSON.stringify({ ...settings, port })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`the ClickHouse server stand-in exited with ${String(code)} before listening`);
    });
    const listening = new Promise<number>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const message = JSON.parse(line) as { listening?: number; request?: StandInRequest };
        if (message.request) requests.push(message.request);
        if (message.listening !== undefined) resolve(message.listening);
      });
    });
    return Promise.race([listening, exited]);
  };
  const port = await launch(options.port);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  return {
    url: `http://127.0.0.1:${port}`,
    username: settings.username,
    password: settings.password,
    requests,
    kill,
    async restart() {
      await kill();
      // The data directory reopens a moment after its holder died.
      for (let attempt = 0; ; attempt++) {
        try {
          await launch(port);
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
    close: kill,
  };
}
