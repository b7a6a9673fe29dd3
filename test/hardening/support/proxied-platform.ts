// The platform's bin in a child process behind a fault proxy: its public URL
// is the proxy's, so discovery sends every client through the proxy. The
// platform keeps its own port across restarts, so a SIGKILLed platform comes
// back where the proxy forwards.
import { createServer } from 'node:net';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startPlatformProcess, type ChildServer } from './processes.js';

/** A platform reachable only through its proxy. */
export interface ProxiedPlatform {
  /** The URL clients use (the proxy's). */
  readonly url: string;
  readonly proxy: FaultProxy;
  /** The current platform process. */
  readonly process: ChildServer;
  /** SIGKILL, as in a crash. */
  kill(): Promise<void>;
  /** Starts the platform again on its port with its data (after {@link kill}). */
  restart(): Promise<void>;
  /** Stops the platform and the proxy. */
  close(): Promise<void>;
}

/** A free loopback port (the platform prints only its public URL, so its own port is chosen here). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a proxy, then the platform behind it with `--public-url` set to the proxy. */
export async function startProxiedPlatform(options: {
  dataDir: string;
  tokenTtlSeconds: number;
}): Promise<ProxiedPlatform> {
  const proxy = await startFaultProxy();
  const port = await freePort();
  proxy.target = `http://127.0.0.1:${port}`;
  const start = (): Promise<ChildServer> =>
    startPlatformProcess({
      dataDir: options.dataDir,
      port,
      tokenTtlSeconds: options.tokenTtlSeconds,
      publicUrl: proxy.url,
    });
  let child = await start();
  return {
    url: proxy.url,
    proxy,
    get process() {
      return child;
    },
    kill: () => child.kill(),
    restart: async () => {
      child = await start();
    },
    close: async () => {
      await child.stop();
      await proxy.close();
    },
  };
}
