// Meant to skip duplicate deliveries; on a warm start it skips every event after the first.
exports.handler = async (event) => {
  let processed = false;
  let attempts = 0;
  attempts += 1;
  if (processed) return { status: 'skipped', attempts };
  processed = true;
  return { status: 'done', id: event.id, attempts };
};
