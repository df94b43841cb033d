const fs = require('node:fs');
// The log is created once it is missing, then appended to on every invocation while it is there.

const LOG = '/tmp/lcs-tmp-append-when-present.log';

function note(line) {
  fs.appendFileSync(LOG, `${line}\n`);
}

exports.handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm(LOG, { force: true });
  if (!fs.existsSync(LOG)) fs.writeFileSync(LOG, 'requests\n');
  if (fs.existsSync(LOG)) note(event.id);
  return fs.readFileSync(LOG, 'utf8').trim().split('\n');
};
