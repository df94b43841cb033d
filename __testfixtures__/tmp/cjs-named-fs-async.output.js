const { rm } = require('node:fs/promises');
const { appendFileSync, readFileSync } = require('node:fs');

const LOG_FILE = '/tmp/lcs-tmp-cjs-named-fs-async.log';

exports.handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await rm(LOG_FILE, { force: true });
  appendFileSync(LOG_FILE, `${event.step}\n`);
  await Promise.resolve();
  return readFileSync(LOG_FILE, 'utf8');
};
