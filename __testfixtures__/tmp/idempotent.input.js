const fs = require('fs');
const path = require('path');
const os = require('os');

const OUT = path.join(os.tmpdir(), 'lcs-tmp-cjs-sync-directory');

exports.handler = (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.rmSync('/tmp/lcs-tmp-cjs-sync-directory.log', { force: true });
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${event.id}.json`), JSON.stringify(event));
  fs.appendFileSync('/tmp/lcs-tmp-cjs-sync-directory.log', `${event.id}\n`);
  return {
    files: fs.readdirSync(OUT).sort(),
    log: fs.readFileSync('/tmp/lcs-tmp-cjs-sync-directory.log', 'utf8'),
  };
};
