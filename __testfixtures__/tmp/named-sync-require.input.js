const { appendFileSync, readFileSync, rmSync } = require('fs');

const LOG_FILE = '/tmp/lcs-tmp-named-sync-require.log';

function handler(event) {
  appendFileSync(LOG_FILE, `${event.step}\n`);
  return readFileSync(LOG_FILE, 'utf8');
}

module.exports = { handler };
