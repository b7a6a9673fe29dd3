#!/usr/bin/env node
// Stand-in for the browser applications of a science platform (CARTA,
// notebook, desktop, contributed apps): a small HTTP app under BASE_PATH.
import { createServer } from 'node:http';
import { exitWithParent, log, readAppEnvironment } from './environment.js';
import { escapeHtml } from './html.js';

const env = readAppEnvironment();

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!path.startsWith(env.basePath)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  const rest = path.slice(env.basePath.length);
  if (rest === 'healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
  } else if (rest === '' || rest === 'index.html') {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(env.title)}</title></head>` +
        `<body><h1>${escapeHtml(env.title)}</h1><p>Session ${escapeHtml(env.sessionId)} is running (vobridge stand-in).</p></body></html>\n`,
    );
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  }
  // Header names only (never values): shows what the platform's proxy lets through.
  log(`${req.method ?? 'GET'} ${path} ${res.statusCode} headers: ${Object.keys(req.headers).sort().join(',')}`);
});

server.listen(env.port, '127.0.0.1', () => log(`${env.title} listening on 127.0.0.1:${env.port}${env.basePath}`));
exitWithParent(() => new Promise((resolve) => server.close(() => resolve())));
