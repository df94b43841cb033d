const Redis = require('ioredis');

function createRedis() {
  return new Redis(process.env.REDIS_URL, { retryStrategy: () => null });
}

let redis = createRedis();

module.exports.handler = async (event) => {
  if (redis.status === 'end') {
    redis = createRedis();
  }

  const hits = await redis.incr(`hits:${event.page}`);
  if (event.page === 'checkout') {
    // a name of this block only: the module's `redis` is still the one used above
    const redis = { hits };
    return redis;
  }
  return { hits };
};
