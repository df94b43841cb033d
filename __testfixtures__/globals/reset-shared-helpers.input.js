const hits = new Map();

function record(key) {
  hits.set(key, (hits.get(key) || 0) + 1);
}

function track(event) {
  for (const key of event.keys) record(key);
}

exports.handler = async (event) => {
  track(event);
  return Object.fromEntries(hits);
};
