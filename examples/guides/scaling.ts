/**
 * docs/scaling.md, "The shared limiter": one bottleneck limiter clustered over Redis, passed to
 * the client as an instance, so `maxConcurrent` and `minTime` hold across every process.
 *
 * It sends 12 requests through such a limiter, in the Redis of REDIS_URL or in a redis-server it
 * starts (when one is installed; CI installs it). It also checks that the client refuses bottleneck
 * *options* with a Redis datastore.
 */
import Bottleneck from 'bottleneck';
import { KnotClient, KnotConfigError } from 'knotapi-node';
import { redis } from './support/redis.js';

try {
  new KnotClient({ limiter: { id: 'knot-api', datastore: 'ioredis', clientOptions: { host: '127.0.0.1', port: 6379 }, maxConcurrent: 4 } });
  throw new Error('bottleneck options with a Redis datastore were accepted');
} catch (error) {
  if (!(error instanceof KnotConfigError)) throw error;
  console.log('options with a Redis datastore: refused (KnotConfigError); pass a Bottleneck instance');
}

const server = await redis();
if (server === null) {
  console.log('no REDIS_URL and no redis-server installed: the clustered limiter itself is not run');
} else {
  const { host, port } = server;
  try {
    // #region limiter
    const limiter = new Bottleneck({
      id: 'knot-api',                     // same id in every process = one shared limit
      datastore: 'ioredis',
      clientOptions: { host, port },      // one Redis connection per limiter (not a shared `connection`)
      maxConcurrent: 4,                   // requests in flight to Knot, all processes together
      minTime: 0,                         // ms between request starts, all processes together
      timeout: 60_000,                    // Redis keys expire after a minute of inactivity
    });
    const knot = new KnotClient({ limiter });
    // on shutdown: await limiter.disconnect();
    // #endregion
    const lists = await Promise.all(Array.from({ length: 12 }, () => knot.merchants.list({ type: 'transaction_link' })));
    if (!lists.every((list) => list.length > 0)) throw new Error('a merchant list came back empty');
    console.log(`12 requests through a limiter held in Redis (${host}:${port})`);
    await knot.close();
    await limiter.disconnect();
  } finally {
    await server.stop(); // also when something above failed
  }
}
