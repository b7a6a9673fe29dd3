import type { Command } from 'commander';
import { BrokerClient } from '../broker/client.js';
import { defaultRuntimeFile } from '@vobridge/broker/runtime';
import { locateBroker } from '../broker/locate.js';
import { runningBroker, startBrokerProcess, stopBrokerProcess } from '../broker/process.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { note, out, outJson } from '../output/print.js';

/** `vobridge broker start|stop|status|run`: the terminal user's own token broker. */
export function registerBroker(program: Command): void {
  const broker = program
    .command('broker')
    .description('run the local token broker that keeps your logins (shared with kernels)');

  broker
    .command('start')
    .description('start the broker in the background (does nothing if one runs)')
    .option('--token-file', 'also keep a WLCG bearer token file ($XDG_RUNTIME_DIR/bt_u<uid>) up to date')
    .action(async (options: { tokenFile?: boolean }) => {
      const running = await runningBroker();
      if (running) {
        out(`broker already running at ${running.url}${running.pid ? ` (pid ${running.pid})` : ''}`);
        return;
      }
      const started = await startBrokerProcess({ tokenFile: options.tokenFile === true });
      out(`broker started at ${started.url} (pid ${started.pid ?? '?'})`);
    });

  broker
    .command('stop')
    .description('stop the background broker (logins are kept, encrypted, for the next start)')
    .action(async () => {
      const located = await locateBroker({ ...process.env, VOBRIDGE_BROKER_URL: '', VOBRIDGE_BROKER_SECRET: '' });
      if (!located || !(await new BrokerClient(located).healthy())) {
        note('no broker is running');
        return;
      }
      await stopBrokerProcess(located);
      out('broker stopped');
    });

  broker
    .command('status')
    .description('tell whether a broker runs, where, and how many logins it holds')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const running = await runningBroker();
      if (!running)
        throw new CliError('no broker is running', ExitCode.UNAVAILABLE, 'Start one with: vobridge broker start');
      const logins = await new BrokerClient(running).logins();
      const status = { url: running.url, pid: running.pid, source: running.source, logins: logins.length };
      if (options.json) outJson(status);
      else
        out(
          `broker running at ${status.url}${status.pid ? ` (pid ${status.pid})` : ''}, ${status.logins} login(s), found via ${status.source}`,
        );
    });

  broker
    .command('run')
    .description('run the broker in the foreground until SIGTERM or Ctrl-C (for containers and CI)')
    .option('--token-file', 'also keep a WLCG bearer token file ($XDG_RUNTIME_DIR/bt_u<uid>) up to date')
    .option('--verbose', 'log one line per request and login change (never a credential) to standard error')
    .action(async (options: { tokenFile?: boolean; verbose?: boolean }) => {
      const { startBroker } = await import('@vobridge/broker');
      const running = await startBroker({
        runtimeFile: defaultRuntimeFile(),
        persist: true,
        ...(options.tokenFile ? { tokenFile: true } : {}),
        ...(options.verbose ? { log: (line: string) => note(`vobridge-broker: ${line}`) } : {}),
      });
      out(`broker listening on ${running.url}`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          void running.close().then(resolve, resolve);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
    });
}
