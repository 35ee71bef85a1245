// A real CloudFormation API for tests: moto's server, started on a free loopback port.
// `moto_server` comes from `pip install "moto[server]"` (.ci/run installs it when missing).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface Moto {
  endpoint: string;
  port: number;
  /** Clear all of moto's state (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
  /** Freeze moto (SIGSTOP): connections are still accepted, nothing is answered. */
  pause(): void;
  /** Thaw it (SIGCONT). */
  resume(): void;
  /** Fake credentials moto accepts, for SDK clients. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let log = '';
  let child: ChildProcess;
  try {
    child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`cannot start moto_server (pip install "moto[server]"): ${(e as Error).message}`, { cause: e });
  }
  const spawnError = new Promise<never>((_, reject) => {
    child.on('error', (e) => reject(new Error(`cannot start moto_server (pip install "moto[server]"): ${e.message}`)));
    child.on('exit', (code) => reject(new Error(`moto_server exited with ${code}: ${log.slice(-2000)}`)));
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const deadline = Date.now() + 30_000;
  const ready = (async () => {
    for (;;) {
      try {
        const r = await fetch(`${endpoint}/moto-api/`);
        if (r.ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${endpoint} within 30 s: ${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.race([ready, spawnError]);
  spawnError.catch(() => undefined);
  return {
    endpoint,
    port,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.kill('SIGCONT');
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}
