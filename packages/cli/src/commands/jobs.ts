import type { ExecutionPhase, Job, UwsClient } from '@vobridge/sdk';
import { InvalidArgumentError, type Command } from 'commander';
import { brokerFetch } from '../broker/fetch.js';
import { connectBroker } from '../broker/client.js';
import { CliError, UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { note, out, outJson } from '../output/print.js';
import { renderTable } from '../output/table.js';
import { parseSeconds, parseUrl } from './arguments.js';

/** `vobridge jobs ls|submit|wait|results|abort`: any UWS 1.1 job list (TAP async, platform job types). */
export function registerJobs(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('submit and follow UWS jobs (TAP async queries, platform job types)')
    .addHelpText(
      'after',
      `
Jobs are named by URL: a job list (https://host/uws/sleep) or a job (https://host/uws/sleep/<id>).

Example:
  job=$(vobridge jobs submit https://host/uws/sleep DURATION=2)
  vobridge jobs wait "$job" && vobridge jobs results "$job"`,
    );

  jobs
    .command('ls')
    .description('list your jobs in a job list')
    .argument('<job-list-url>', 'URL of the UWS job list', parseUrl)
    .option('--phase <phase>', 'only jobs in this phase (PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED, ...)')
    .option('--json', 'print JSON')
    .action(async (listUrl: string, options: { phase?: ExecutionPhase; json?: boolean }) => {
      const { EXECUTION_PHASES } = await import('@vobridge/sdk');
      if (options.phase !== undefined && !(EXECUTION_PHASES as readonly string[]).includes(options.phase)) {
        throw new UsageError(`unknown phase '${options.phase}'`, `Phases: ${EXECUTION_PHASES.join(', ')}.`);
      }
      const uws = await uwsClient(listUrl);
      const list = await uws.list(options.phase ? { phase: options.phase } : {});
      if (options.json) outJson(list);
      else
        out(
          renderTable(list, [
            { header: 'ID', value: (j) => j.jobId },
            { header: 'PHASE', value: (j) => j.phase },
            { header: 'CREATED', value: (j) => j.creationTime ?? '-' },
            { header: 'RUN ID', value: (j) => j.runId ?? '-' },
          ]),
        );
    });

  jobs
    .command('submit')
    .description('create a job with NAME=VALUE parameters and start it; prints the job URL')
    .argument('<job-list-url>', 'URL of the UWS job list', parseUrl)
    .argument(
      '[parameters...]',
      'job parameters as NAME=VALUE (a name may repeat)',
      collectParameter,
      [] as [string, string][],
    )
    .option('--no-run', 'create the job but leave it PENDING')
    .option('--wait', 'wait for the job to finish (exit 7 if it fails)')
    .option('--timeout <seconds>', 'with --wait: give up after this long (exit 8)', parseSeconds)
    .option('--json', 'print the job as JSON')
    .action(
      async (
        listUrl: string,
        parameters: [string, string][],
        options: { run: boolean; wait?: boolean; timeout?: number; json?: boolean },
      ) => {
        const uws = await uwsClient(listUrl);
        let job = await uws.create(parameters, { run: options.run });
        if (options.wait) job = await waitFor(uws, job, options.timeout);
        if (options.json) outJson({ ...job, url: uws.jobUrl(job).href });
        else out(uws.jobUrl(job).href);
        if (options.wait) failUnlessCompleted(job);
      },
    );

  jobs
    .command('wait')
    .description('wait for a job to finish; prints its final phase (exit 7 if ERROR or ABORTED)')
    .argument('<job-url>', 'URL of the job', parseUrl)
    .option('--timeout <seconds>', 'give up after this long (exit 8)', parseSeconds)
    .option('--json', 'print the job as JSON')
    .action(async (jobUrl: string, options: { timeout?: number; json?: boolean }) => {
      const { uws, jobId } = await jobClient(jobUrl);
      const job = await waitFor(uws, { jobId }, options.timeout);
      if (options.json) outJson(job);
      else out(job.phase);
      failUnlessCompleted(job);
    });

  jobs
    .command('results')
    .description("list a job's results (id, size, type, URL)")
    .argument('<job-url>', 'URL of the job', parseUrl)
    .option('--json', 'print JSON')
    .action(async (jobUrl: string, options: { json?: boolean }) => {
      const { uws, jobId } = await jobClient(jobUrl);
      const results = await uws.results(jobId);
      if (options.json) outJson(results);
      else
        out(
          renderTable(results, [
            { header: 'ID', value: (r) => r.id },
            { header: 'SIZE', value: (r) => (r.size === undefined ? '-' : String(r.size)) },
            { header: 'TYPE', value: (r) => r.mimeType ?? '-' },
            { header: 'URL', value: (r) => r.href ?? '-' },
          ]),
        );
    });

  jobs
    .command('abort')
    .description('abort a job')
    .argument('<job-url>', 'URL of the job', parseUrl)
    .action(async (jobUrl: string) => {
      const { uws, jobId } = await jobClient(jobUrl);
      out((await uws.abort(jobId)).phase);
    });
}

function collectParameter(value: string, previous: [string, string][]): [string, string][] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got '${value}'`);
  return [...previous, [value.slice(0, eq), value.slice(eq + 1)]];
}

async function uwsClient(listUrl: string): Promise<UwsClient> {
  const fetch = await brokerFetch(await connectBroker(), listUrl);
  const { UwsClient } = await import('@vobridge/sdk');
  return new UwsClient({ baseUrl: listUrl, fetch });
}

/** A job URL split into its job list and id. */
async function jobClient(jobUrl: string): Promise<{ uws: UwsClient; jobId: string }> {
  const url = new URL(jobUrl);
  const segments = url.pathname.split('/').filter(Boolean);
  const jobId = segments.pop();
  if (!jobId || segments.length === 0)
    throw new CliError(
      `not a job URL: ${url.origin}${url.pathname}`,
      ExitCode.USAGE,
      'Job URLs look like https://host/uws/sleep/<job-id>.',
    );
  url.pathname = `/${segments.join('/')}`;
  url.search = '';
  return { uws: await uwsClient(url.href), jobId: decodeURIComponent(jobId) };
}

function waitFor(uws: UwsClient, job: Pick<Job, 'jobId'>, timeoutS: number | undefined): Promise<Job> {
  return uws.waitForJob(job, {
    ...(timeoutS !== undefined ? { timeout: timeoutS * 1000 } : {}),
    onPhase: (phase) => note(`job ${job.jobId}: ${phase}`),
  });
}

function failUnlessCompleted(job: Job): void {
  if (job.phase === 'COMPLETED') return;
  const why = job.errorSummary?.message ? `: ${job.errorSummary.message}` : '';
  throw new CliError(`job ${job.jobId} ended ${job.phase}${why}`, ExitCode.FAILED);
}
