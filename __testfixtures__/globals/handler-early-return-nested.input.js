// The early return sits inside a try block of the handler: still the handler's own work.
let processed = false;

exports.handler = async (event) => {
  try {
    if (processed) return 'skipped';
    processed = true;
    return `did ${event.id}`;
  } catch {
    return 'failed';
  }
};
