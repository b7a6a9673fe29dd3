#!/usr/bin/env node
// A broker in its own process, for tests that load it, measure its memory or
// kill it. Unlike the `vobridge-broker` bin it lets the test set the rate
// limit (the bin keeps the default of 100/s, which a load test would only
// measure as 429s). The secret comes from the environment so it never shows
// on a command line; the one line printed carries the URL only.
import console from 'node:console';
import process from 'node:process';
import { startBroker } from '@vobridge/broker';

const rate = Number(process.env.HARDENING_BROKER_RATE ?? '0');
const port = Number(process.env.HARDENING_BROKER_PORT ?? '0');
const persist = process.env.HARDENING_BROKER_PERSIST;
const broker = await startBroker({
  port,
  runtimeFile: false,
  secret: process.env.HARDENING_BROKER_SECRET,
  ...(rate > 0 ? { rateLimit: { perSecond: rate, burst: rate * 2 } } : {}),
  ...(persist ? { persist: { dir: persist } } : {}),
});
console.log(`broker listening on ${broker.url}`);
const stop = () => broker.close().then(() => process.exit(0), () => process.exit(1));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
