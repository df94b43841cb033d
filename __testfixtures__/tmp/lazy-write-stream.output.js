const fs = require('fs');

let out;

exports.handler = async (event) => {
  if (!out) out = fs.createWriteStream('/tmp/lcs-tmp-lazy-write-stream.log', { flags: 'a' });
  await new Promise((resolve) => out.write(`${event.id}\n`, resolve));
  return fs.readFileSync('/tmp/lcs-tmp-lazy-write-stream.log', 'utf8');
};
