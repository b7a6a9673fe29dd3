// The broker in its own process for the benchmarks (secret from the environment).
import { startBroker } from '@vobridge/broker';

const broker = await startBroker({
  port: 0,
  runtimeFile: false,
  ...(process.env.BENCH_BROKER_SECRET ? { secret: process.env.BENCH_BROKER_SECRET } : {}),
  rateLimit: { perSecond: 10_000_000, burst: 10_000_000 },
});
process.stdout.write(`broker listening on ${broker.url}\n`);
process.on('SIGTERM', () => void broker.close().then(() => process.exit(0)));
