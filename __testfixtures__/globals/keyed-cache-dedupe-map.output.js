// Looks like a cache by key, but its hit returns a constant: a dedupe of ids, which must not
// carry over to the next invocation.
let seen = new Map();
function check(id) {
  if (seen.has(id)) return 'duplicate';
  seen.set(id, true);
  return 'new';
}
exports.handler = async (event) => {
  seen = new Map();
  return { status: check(event.id) };
};
