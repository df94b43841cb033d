const fs = require('fs');

const STATE_DIR = '/tmp/lcs-tmp-written-at-load';
fs.mkdirSync(STATE_DIR, { recursive: true });
fs.writeFileSync(`${STATE_DIR}/config.json`, JSON.stringify({ startedAt: 'load' }));
fs.writeFileSync('/tmp/lcs-tmp-written-at-load.log', 'loaded\n');

exports.handler = (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  fs.rmSync(`${STATE_DIR}/last-request.json`, { force: true });
  fs.writeFileSync(`${STATE_DIR}/last-request.json`, JSON.stringify(event));
  fs.appendFileSync('/tmp/lcs-tmp-written-at-load.log', `${event.id}\n`);
  return fs.readFileSync(`${STATE_DIR}/config.json`, 'utf8');
};
