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
  return { hits };
};
