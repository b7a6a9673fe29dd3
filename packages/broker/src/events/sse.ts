import type { Request, Response } from 'express';
import type { BrokerEvent as WireBrokerEvent } from '@vobridge/sdk/broker';
import type { EventBus } from './event-bus.js';
import type { SessionsWatch } from './sessions-watch.js';

/** Comment line sent this often so proxies and clients notice a dead stream. */
const KEEPALIVE_MS = 15_000;

/**
 * Serve the event bus as a `text/event-stream`: one SSE message per event,
 * `event:` being the event type and `data:` its JSON. The stream starts with
 * a `ready` event so a client knows it is subscribed.
 */
export function serveEvents(bus: EventBus, streams: Set<Response>, watch: SessionsWatch) {
  return (req: Request, res: Response): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // A HEAD request gets the headers only: a stream it would never read must not stay registered.
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    res.write('event: ready\ndata: {}\n\n');
    const unsubscribe = bus.subscribe((event) => {
      // Each event is one the spec's `BrokerEvent` describes (checked when this compiles).
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event satisfies WireBrokerEvent)}\n\n`);
    });
    const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    streams.add(res);
    watch.listen();
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      clearInterval(keepalive);
      unsubscribe();
      streams.delete(res);
      watch.unlisten();
    };
    req.on('close', stop);
    res.on('close', stop);
  };
}
