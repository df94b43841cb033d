const LIMIT = 3, labels = { ok: 'ok' };
let errors = 0;

function fail(reason) {
  errors += 1;
  return reason;
}

exports.handler = async (event) => {
  errors = 0;
  const seenIds = [];
  let count = 0;
  count++;
  seenIds.push(event.id);
  if (seenIds.length > LIMIT) return fail('too many');
  return { count, errors, seen: seenIds.length, label: labels.ok };
};
