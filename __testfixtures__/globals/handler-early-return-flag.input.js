// Meant to skip duplicate deliveries; on a warm start it skips every event after the first.
let processed = false;
let attempts = 0;

exports.handler = async (event) => {
  attempts += 1;
  if (processed) return { status: 'skipped', attempts };
  processed = true;
  return { status: 'done', id: event.id, attempts };
};
