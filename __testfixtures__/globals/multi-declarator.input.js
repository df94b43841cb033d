const LIMIT = 3, seenIds = [], labels = { ok: 'ok' };
let count = 0, errors = 0;

function fail(reason) {
  errors += 1;
  return reason;
}

exports.handler = async (event) => {
  count++;
  seenIds.push(event.id);
  if (seenIds.length > LIMIT) return fail('too many');
  return { count, errors, seen: seenIds.length, label: labels.ok };
};
