const fs = require('fs');
const path = require('path');

exports.handler = async (event) => {
  fs.appendFileSync(path.join('/tmp', 'lcs-tmp-fs-local-in-block.txt'), `${event.id}\n`);
  {
    const fs = null;
    if (fs) return 'never';
  }
  return fs.readFileSync('/tmp/lcs-tmp-fs-local-in-block.txt', 'utf8');
};
