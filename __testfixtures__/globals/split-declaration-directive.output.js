const x = 1;
// eslint-disable-next-line prefer-const
let LIMIT = 10;
// @ts-ignore
let MAX = 3;
exports.handler = async (event) => {
  let hits = 0;
  let seen = [];
  hits++;
  seen.push(event.id);
  return { hits, ok: hits < LIMIT && seen.length < MAX, x };
};
