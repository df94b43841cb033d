const { appendFileSync, readFileSync, rmSync } = require('fs');

const LOG_FILE = '/tmp/lcs-tmp-named-sync-require.log';

function handler(event) {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  rmSync(LOG_FILE, { force: true });
  appendFileSync(LOG_FILE, `${event.step}\n`);
  return readFileSync(LOG_FILE, 'utf8');
}

module.exports = { handler };
