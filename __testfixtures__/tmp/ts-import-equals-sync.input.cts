import fs = require('fs');

const OUT = '/tmp/lcs-tmp-ts-import-equals-sync';
fs.mkdirSync(OUT, { recursive: true });

exports.handler = (event: { id: string }) => {
  fs.writeFileSync(`${OUT}/${event.id}.json`, JSON.stringify(event));
  fs.appendFileSync('/tmp/lcs-tmp-ts-import-equals-sync.log', `${event.id}\n`);
  return {
    files: fs.readdirSync(OUT).sort(),
    log: fs.readFileSync('/tmp/lcs-tmp-ts-import-equals-sync.log', 'utf8'),
  };
};
