import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Node, VoSpaceClient } from '@vobridge/sdk';
import type { Command } from 'commander';
import { brokerFetch } from '../broker/fetch.js';
import { connectBroker } from '../broker/locate.js';
import { CliError, UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { note, out, outJson } from '../output/print.js';
import { formatBytes } from '../output/progress.js';
import { renderTable } from '../output/table.js';
import { selectPlatform, serviceUrl } from '../platform/resolve.js';
import { transferProgress } from '../vos/transfer.js';
import { isVosUri, parseVosUri } from '../vos/uri.js';

interface PlatformOption {
  platform?: string;
}

const PLATFORM_FLAGS = '--platform <url>';
const PLATFORM_HELP = 'platform whose VOSpace to use (default: $VOBRIDGE_PLATFORM, or your only login)';

/** `vobridge ls|cp|mkdir|rm` on `vos:` locations. */
export function registerVos(program: Command): void {
  program
    .command('ls')
    .description('list a VOSpace container (or show one node)')
    .argument('<vos-uri>', 'e.g. vos:alice/data')
    .option(PLATFORM_FLAGS, PLATFORM_HELP)
    .option('--json', 'print JSON')
    .action(async (uri: string, options: PlatformOption & { json?: boolean }) => {
      const path = vosPath(uri);
      const vos = await vospace(options);
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
          { header: 'SIZE', value: (n) => n.properties[VOS_PROPERTY.length] ?? '-' },
          { header: 'DATE', value: (n) => n.properties[VOS_PROPERTY.date] ?? '-' },
          { header: 'NAME', value: (n) => decodeURIComponent(n.uri.split('/').pop() ?? n.uri) },
        ]),
      );
    });

  program
    .command('mkdir')
    .description('create a VOSpace container')
    .argument('<vos-uri>', 'e.g. vos:alice/data/new')
    .option('-p, --parents', 'create missing parents too, and accept an existing container')
    .option(PLATFORM_FLAGS, PLATFORM_HELP)
    .action(async (uri: string, options: PlatformOption & { parents?: boolean }) => {
      const path = vosPath(uri);
      const vos = await vospace(options);
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
    .option(PLATFORM_FLAGS, PLATFORM_HELP)
    .action(async (uri: string, options: PlatformOption & { recursive?: boolean }) => {
      const path = vosPath(uri);
      const vos = await vospace(options);
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
    .option(PLATFORM_FLAGS, PLATFORM_HELP)
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
      const vos = await vospace(options);
      const { downloadFile, uploadFile } = await import('@vobridge/sdk/node');
      const fromVos = isVosUri(source);
      const toVos = isVosUri(destination);
      if (fromVos && toVos) {
        await vos.copy(vosPath(source), await vosTarget(vos, vosPath(destination), vosPath(source)));
        return;
      }
      if (fromVos) {
        const path = vosPath(source);
        const target = await localTarget(destination, path);
        const progress = transferProgress(basename(target));
        const result = await downloadFile(vos, path, target, { onProgress: progress.onProgress }).finally(
          progress.stop,
        );
        note(
          `${source} -> ${target}: ${formatBytes(result.bytes)}${result.md5 ? `, MD5 ${result.md5} verified` : ''}${result.resumedFrom ? ` (resumed at ${formatBytes(result.resumedFrom)})` : ''}`,
        );
        return;
      }
      if (toVos) {
        const path = await vosTarget(vos, vosPath(destination), source);
        const progress = transferProgress(basename(source));
        const result = await uploadFile(vos, path, source, { onProgress: progress.onProgress }).finally(progress.stop);
        note(`${source} -> vos:${path}: ${formatBytes(result.bytes)}, MD5 ${result.md5}`);
        return;
      }
      throw new UsageError('neither side is a vos: location', 'Use vobridge cp for VOSpace; use cp for local copies.');
    });
}

/** A `vos:` argument as a node path (`alice/data`), rejecting anything else. */
function vosPath(uri: string): string {
  if (!isVosUri(uri))
    throw new UsageError(
      `not a vos: location: ${JSON.stringify(uri)}`,
      'VOSpace locations look like vos:alice/data/file.fits',
    );
  return parseVosUri(uri).path.replace(/^\//, '');
}

async function vospace(options: PlatformOption): Promise<VoSpaceClient> {
  const broker = await connectBroker();
  const platform = await selectPlatform(options.platform, broker);
  const baseUrl = await serviceUrl(platform, 'vospace');
  const { VoSpaceClient } = await import('@vobridge/sdk');
  return new VoSpaceClient({ baseUrl, fetch: await brokerFetch(broker, baseUrl) });
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
