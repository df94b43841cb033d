const fs = require('fs');
const log = fs.createWriteStream('/tmp/lcs-tmp-write-stream-at-load.log', { flags: 'a' });

exports.handler = async (event) => {
  log.write(`${event.id}\n`);
  await new Promise((resolve) => log.write('', resolve));
  return fs.readFileSync('/tmp/lcs-tmp-write-stream-at-load.log', 'utf8');
};
