const fs = require('fs');

async function create(event) {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm('/tmp/lcs-tmp-several-handlers-created.log', { force: true });
  await fs.promises.appendFile('/tmp/lcs-tmp-several-handlers-created.log', `${event.id}\n`);
  return fs.promises.readFile('/tmp/lcs-tmp-several-handlers-created.log', 'utf8');
}

function remove(event) {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  fs.rmSync('/tmp/lcs-tmp-several-handlers-removed.log', { force: true });
  fs.appendFileSync('/tmp/lcs-tmp-several-handlers-removed.log', `${event.id}\n`);
  return fs.readFileSync('/tmp/lcs-tmp-several-handlers-removed.log', 'utf8');
}

module.exports = { create, remove };
