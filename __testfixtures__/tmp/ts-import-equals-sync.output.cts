import fs = require('fs');

const OUT = '/tmp/lcs-tmp-ts-import-equals-sync';
fs.mkdirSync(OUT, { recursive: true });

exports.handler = (event: { id: string }) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  fs.rmSync('/tmp/lcs-tmp-ts-import-equals-sync.log', { force: true });
  fs.writeFileSync(`${OUT}/${event.id}.json`, JSON.stringify(event));
  fs.appendFileSync('/tmp/lcs-tmp-ts-import-equals-sync.log', `${event.id}\n`);
  return {
    files: fs.readdirSync(OUT).sort(),
    log: fs.readFileSync('/tmp/lcs-tmp-ts-import-equals-sync.log', 'utf8'),
  };
};
