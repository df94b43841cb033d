const x = 1;
// eslint-disable-next-line prefer-const
let hits = 0, LIMIT = 10;
// @ts-ignore
let seen = [], MAX = 3;
exports.handler = async (event) => {
  hits++;
  seen.push(event.id);
  return { hits, ok: hits < LIMIT && seen.length < MAX, x };
};
