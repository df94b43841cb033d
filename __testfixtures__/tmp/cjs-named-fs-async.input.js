const { appendFileSync, readFileSync } = require('node:fs');

const LOG_FILE = '/tmp/lcs-tmp-cjs-named-fs-async.log';

exports.handler = async (event) => {
  appendFileSync(LOG_FILE, `${event.step}\n`);
  await Promise.resolve();
  return readFileSync(LOG_FILE, 'utf8');
};
