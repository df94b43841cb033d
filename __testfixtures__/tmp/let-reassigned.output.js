const fs = require('fs');

// given another value at run time: only /tmp itself is known, and /tmp is never removed
let outDir = '/tmp/lcs-tmp-let-reassigned';

exports.handler = async (event) => {
  if (event.dir) outDir = event.dir;
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(`${outDir}/${event.id}.json`, JSON.stringify(event));
  return fs.readdirSync(outDir).sort();
};
