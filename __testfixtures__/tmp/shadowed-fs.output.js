const fs2 = require('fs');
const fs = require('fs');

// Appends to a report under /tmp; a warm start finds the lines of earlier invocations there.
function writeReport(id) {
  fs.appendFileSync('/tmp/lcs-tmp-shadowed-fs.txt', `${id}\n`);
  return fs.readFileSync('/tmp/lcs-tmp-shadowed-fs.txt', 'utf8').split('\n').filter(Boolean).length;
}

exports.handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs2.promises.rm('/tmp/lcs-tmp-shadowed-fs.txt', { force: true });
  const lines = writeReport(event.n);
  // the handler's own `fs`: the module's one cannot be reached from the handler's top
  const fs = { lines };
  return fs;
};
