// A memo of a pure function, kept on purpose with the comment at the end of its line; the
// declaration on the next line is per-request state and is migrated.
const squares = new Map(); // lambda-clean-slate-ignore
const seen = [];

exports.handler = async (event) => {
  if (!squares.has(event.n)) squares.set(event.n, event.n * event.n);
  seen.push(event.n);
  return { square: squares.get(event.n), seen: seen.length };
};
