/**
 * What a session process learns from its environment, the way interactive
 * containers do: nothing about its location is hard-coded.
 */
export interface AppEnvironment {
  /** Loopback port to listen on (`PORT`). */
  port: number;
  /** Path prefix the platform proxies to it, starting and ending with `/` (`BASE_PATH`). */
  basePath: string;
  /** Session id (`SESSION_ID`). */
  sessionId: string;
  /** Display title (`APP_TITLE`). */
  title: string;
}

/** Reads and checks the environment; exits with a message when it is incomplete. */
export function readAppEnvironment(env: NodeJS.ProcessEnv = process.env): AppEnvironment {
  const port = Number(env.PORT);
  const basePath = env.BASE_PATH ?? '';
  if (!Number.isInteger(port) || port <= 0 || port > 65535) exitWith('PORT must be a TCP port number');
  if (!basePath.startsWith('/') || !basePath.endsWith('/')) exitWith('BASE_PATH must start and end with /');
  return { port, basePath, sessionId: env.SESSION_ID ?? 'unknown', title: env.APP_TITLE ?? 'Session' };
}

function exitWith(message: string): never {
  console.error(`session app: ${message}`);
  process.exit(2);
}

/**
 * Exits when the platform that started this process is gone (the process
 * was re-parented), so a crashed platform leaves no session running behind.
 * Also exits cleanly on SIGTERM/SIGINT after `close`.
 */
export function exitWithParent(close: () => Promise<void>): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) void stop('platform gone');
  }, 2000);
  timer.unref();
  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`stopping: ${why}`);
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** One log line on standard output (the platform keeps it as the session's log). */
export function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}
