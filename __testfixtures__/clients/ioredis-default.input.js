const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL, { retryStrategy: () => null });

module.exports.handler = async (event) => {
  const hits = await redis.incr(`hits:${event.page}`);
  return { hits };
};
