// The floor a VOSpace data endpoint is measured against: node:http streaming
// one file from disk with fs.createReadStream at Node's defaults, no checks.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';

const file = process.env.BENCH_FILE as string;
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
  pipeline(createReadStream(file), res).catch(() => res.destroy());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`file server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
