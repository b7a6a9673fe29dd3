// The floor any local token service is measured against: node:http answering
// a fixed JSON document, no routing, no checks.
import type { AddressInfo } from 'node:net';

// Not `import … from 'node:http'`: an ES import of node:http fills in all of its
// exports, and the lazy `WebSocket` one loads Node's whole fetch implementation
// (undici, with http2 and zlib), about 14 MiB, whether the process ever fetches or not.
const { createServer } = process.getBuiltinModule('node:http');

const body = process.env.BENCH_BARE_BODY ?? '{}';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`bare server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
