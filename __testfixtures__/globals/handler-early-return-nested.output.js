// The early return sits inside a try block of the handler: still the handler's own work.
exports.handler = async (event) => {
  let processed = false;
  try {
    if (processed) return 'skipped';
    processed = true;
    return `did ${event.id}`;
  } catch {
    return 'failed';
  }
};
