const fs = require('fs');

const WORK_DIR = '/tmp/lcs-tmp-written-once-directory';
let ready = false;

// the directory is made once per environment; what goes in it is per invocation
function setUp() {
  if (ready) return;
  fs.mkdirSync(WORK_DIR, { recursive: true });
  ready = true;
}

exports.handler = async (event) => {
  setUp();
  fs.writeFileSync(`${WORK_DIR}/${event.id}.json`, JSON.stringify(event));
  return { files: fs.readdirSync(WORK_DIR).sort() };
};
