import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Node, VoSpaceClient } from '@vobridge/sdk';
import type { Command } from 'commander';
import { brokerFetch } from '../broker/fetch.js';
import { connectBroker } from '../broker/client.js';
import { CliError, UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { note, out, outJson } from '../output/print.js';
import { formatBytes } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import { parsePlatform, selectPlatform, vospaceLocation } from '../platform/resolve.js';
import { transferProgress } from '../vos/transfer.js';

interface PlatformOption {
  platform?: string;
}

const PLATFORM_FLAGS = '--platform <url|name>';
const PLATFORM_HELP = 'platform whose VOSpace to use (default: $VOBRIDGE_PLATFORM, or your only login)';

/** `vobridge ls|cp|mkdir|rm` on `vos:` locations. */
export function registerVos(program: Command): void {
  program
    .command('ls')
    .description('list a VOSpace container (or show one node)')
    .argument('<vos-uri>', 'e.g. vos:alice/data')
    .option(PLATFORM_FLAGS, PLATFORM_HELP, parsePlatform)
    .option('-h, --human-readable', 'sizes in KiB, MiB, GiB (the default on a terminal)')
    .option('--bytes', 'sizes in bytes (the default when the output is not a terminal)')
    .helpOption('--help', 'display help for command')
    .option('--json', 'print JSON')
    .action(
      async (uri: string, options: PlatformOption & { json?: boolean; humanReadable?: boolean; bytes?: boolean }) => {
        if (options.humanReadable && options.bytes)
          throw new UsageError('-h and --bytes each choose how sizes are shown: give one');
        const human = options.humanReadable ?? (!options.bytes && process.stdout.isTTY === true);
        const { vos, path } = await vospace(uri, options);
        const { VOS_PROPERTY } = await import('@vobridge/sdk');
        const node = await vos.getNode(path, { limit: 0 });
        const nodes: Node[] = [];
        if (node.type === 'ContainerNode') for await (const child of vos.list(path)) nodes.push(child);
        else nodes.push(node);
        if (options.json) {
          outJson(nodes);
          return;
        }
        out(
          renderTable(nodes, [
            {
              header: 'TYPE',
              value: (n) => (n.type === 'ContainerNode' ? 'dir' : n.type === 'LinkNode' ? 'link' : 'file'),
            },
            { header: 'SIZE', value: (n) => shownSize(n.properties[VOS_PROPERTY.length], human) },
            { header: 'DATE', value: (n) => n.properties[VOS_PROPERTY.date] ?? '-' },
            { header: 'NAME', value: (n) => decodeURIComponent(n.uri.split('/').pop() ?? n.uri) },
          ]),
        );
      },
    );

  program
    .command('mkdir')
    .description('create a VOSpace container')
    .argument('<vos-uri>', 'e.g. vos:alice/data/new')
    .option('-p, --parents', 'create missing parents too, and accept an existing container')
    .option(PLATFORM_FLAGS, PLATFORM_HELP, parsePlatform)
    .action(async (uri: string, options: PlatformOption & { parents?: boolean }) => {
      const { vos, path } = await vospace(uri, options);
      const segments = path.split('/').filter(Boolean);
      const targets = options.parents
        ? segments.map((_, i) => segments.slice(0, i + 1).join('/')).slice(1)
        : [segments.join('/')];
      for (const target of targets) {
        try {
          await vos.createContainer(target);
        } catch (error) {
          if (!(options.parents && httpStatus(error) === 409)) throw error;
        }
      }
    });

  program
    .command('rm')
    .description('delete a VOSpace node (a container only with -r)')
    .argument('<vos-uri>', 'e.g. vos:alice/data/old.fits')
    .option('-r, --recursive', 'delete a container and everything in it')
    .option(PLATFORM_FLAGS, PLATFORM_HELP, parsePlatform)
    .action(async (uri: string, options: PlatformOption & { recursive?: boolean }) => {
      const { vos, path } = await vospace(uri, options);
      const node = await vos.getNode(path, { limit: 0, detail: 'min' });
      if (node.type === 'ContainerNode' && !options.recursive) {
        throw new UsageError(`${uri} is a container`, 'Add -r to delete it with everything in it.');
      }
      await deleteTree(vos, path, node);
    });

  program
    .command('cp')
    .description('copy files to, from or within VOSpace (progress shown, MD5 verified, downloads resume)')
    .argument('<source>', 'vos:path or local file')
    .argument('<destination>', 'vos:path or local file/directory')
    .option(PLATFORM_FLAGS, PLATFORM_HELP, parsePlatform)
    .addHelpText(
      'after',
      `
An interrupted download leaves <file>.part next to the destination;
running the same command again fetches only the rest. The destination file
appears only once it is complete and its MD5 matches.

Examples:
  vobridge cp vos:alice/data/image.fits .
  vobridge cp table.csv vos:alice/data/
  vobridge cp vos:alice/a.txt vos:alice/backup/a.txt`,
    )
    .action(async (source: string, destination: string, options: PlatformOption) => {
      const { downloadFile, uploadFile } = await import('@vobridge/sdk/node');
      const fromVos = isVosUri(source);
      const toVos = isVosUri(destination);
      if (fromVos && toVos) {
        const from = await vospace(source, options);
        const to = await vospace(destination, options);
        if (from.baseUrl !== to.baseUrl)
          throw new UsageError(
            `${source} and ${destination} are in different VOSpace services`,
            'Copy through a local file: vobridge cp <source> . then vobridge cp <file> <destination>.',
          );
        const target = await vosTarget(from.vos, to.path, from.path);
        await from.vos.copy(from.path, target);
        note(`${source} -> vos:${target}: copied`);
        return;
      }
      if (fromVos) {
        const { vos, path } = await vospace(source, options);
        const target = await localTarget(destination, path);
        const progress = transferProgress(basename(target));
        const interrupt = onInterrupt();
        const result = await downloadFile(vos, path, target, {
          onProgress: progress.onProgress,
          signal: interrupt.signal,
        })
          .catch(async (error: unknown) => {
            if (!interrupt.signal.aborted) throw error;
            const kept = await stat(`${target}.part`).then(
              (s) => s.size,
              () => 0,
            );
            throw new CliError(
              'interrupted',
              ExitCode.INTERRUPTED,
              kept > 0
                ? `The ${formatBytes(kept)} fetched so far are kept in ${target}.part: run the same command again to resume.`
                : undefined,
            );
          })
          .finally(() => {
            progress.stop();
            interrupt.dispose();
          });
        note(
          `${source} -> ${target}: ${formatBytes(result.bytes)}${result.md5 ? `, MD5 ${result.md5} verified` : ''}${result.resumedFrom ? ` (resumed at ${formatBytes(result.resumedFrom)})` : ''}`,
        );
        return;
      }
      if (toVos) {
        const located = await vospace(destination, options);
        const { vos } = located;
        const path = await vosTarget(vos, located.path, source);
        const progress = transferProgress(basename(source));
        const result = await uploadFile(vos, path, source, { onProgress: progress.onProgress }).finally(progress.stop);
        note(`${source} -> vos:${path}: ${formatBytes(result.bytes)}, MD5 ${result.md5}`);
        return;
      }
      throw new UsageError('neither side is a vos: location', 'Use vobridge cp for VOSpace; use cp for local copies.');
    });
}

/** An abort signal raised by Ctrl-C (SIGINT), so a transfer ends cleanly and can say what it kept. */
function onInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', abort) };
}

/** A node's size for `ls`: bytes, or binary units for people; `-` when the service gave none. */
function shownSize(length: string | null | undefined, human: boolean): string {
  if (length == null || !/^\d+$/.test(length)) return '-';
  return human ? formatBytes(Number(length)) : length;
}

/** True for arguments that name VOSpace locations rather than local files. */
function isVosUri(input: string): boolean {
  return /^vos:/i.test(input);
}

/** The client of the VOSpace a `vos:` argument names, and the node path in it (`alice/data`). */
async function vospace(
  uri: string,
  options: PlatformOption,
): Promise<{ vos: VoSpaceClient; path: string; baseUrl: string }> {
  if (!isVosUri(uri))
    throw new UsageError(
      `not a vos: location: ${JSON.stringify(uri)}`,
      'VOSpace locations look like vos:alice/data/file.fits',
    );
  const broker = await connectBroker();
  const platform = await selectPlatform(options.platform, broker);
  const { baseUrl, path } = await vospaceLocation(broker, platform, uri);
  const { VoSpaceClient } = await import('@vobridge/sdk');
  return {
    vos: new VoSpaceClient({ baseUrl, fetch: await brokerFetch(broker, baseUrl) }),
    path: path.replace(/^\//, ''),
    baseUrl,
  };
}

/** Deletes children before their container: services refuse to delete a non-empty one. */
async function deleteTree(vos: VoSpaceClient, path: string, node: Node): Promise<void> {
  if (node.type === 'ContainerNode') {
    const children: Node[] = [];
    for await (const child of vos.list(path)) children.push(child);
    for (const child of children) {
      const name = decodeURIComponent(child.uri.split('/').pop() ?? '');
      await deleteTree(vos, `${path}/${name}`, child);
    }
  }
  await vos.delete(path);
}

/** Into an existing container, a copy keeps the source's name. */
async function vosTarget(vos: VoSpaceClient, path: string, source: string): Promise<string> {
  try {
    const node = await vos.getNode(path, { limit: 0, detail: 'min' });
    if (node.type === 'ContainerNode') return `${path}/${basename(source)}`;
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
  return path;
}

/** The status of an SDK HTTP error (told by its `status`, without loading the SDK's classes). */
function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Into an existing directory, a download keeps the node's name. */
async function localTarget(destination: string, path: string): Promise<string> {
  try {
    if ((await stat(destination)).isDirectory()) return join(destination, basename(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (destination.endsWith('/')) throw new CliError(`no such directory: ${destination}`, ExitCode.NOT_FOUND);
  return destination;
}
