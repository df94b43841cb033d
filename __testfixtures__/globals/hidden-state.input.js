const { Repo } = require('./repo');

class RateLimiter {
  static hits = [];

  static record(ip) {
    RateLimiter.hits.push(ip);
    return RateLimiter.hits.filter((hit) => hit === ip).length;
  }
}

function makeCounter() {
  let n = 0;
  return () => ++n;
}

const nextId = makeCounter();
const repo = new Repo();

exports.handler = async (event) => {
  const id = nextId();
  await repo.save(id);
  return { id, hits: RateLimiter.record(event.ip) };
};
