const fs = require('fs');
const path = require('path');

exports.handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm(path.join('/tmp', 'lcs-tmp-fs-local-in-block.txt'), { force: true });
  fs.appendFileSync(path.join('/tmp', 'lcs-tmp-fs-local-in-block.txt'), `${event.id}\n`);
  {
    const fs = null;
    if (fs) return 'never';
  }
  return fs.readFileSync('/tmp/lcs-tmp-fs-local-in-block.txt', 'utf8');
};
