const fs = require('node:fs');

const SCRATCH = '/tmp/lcs-tmp-helper-functions';

function save(file, contents) {
  fs.appendFileSync(file, contents);
}

function writeSummary(event) {
  save('/tmp/lcs-tmp-helper-functions.summary', `${event.total};`);
}

function prepare() {
  fs.mkdirSync(SCRATCH, { recursive: true });
  fs.writeFileSync(`${SCRATCH}/state`, 'ready', { flag: 'a' });
}

exports.handler = async (event) => {
  prepare();
  writeSummary(event);
  return {
    state: fs.readFileSync(`${SCRATCH}/state`, 'utf8'),
    summary: fs.readFileSync('/tmp/lcs-tmp-helper-functions.summary', 'utf8'),
  };
};
