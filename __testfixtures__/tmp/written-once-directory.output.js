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
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm(WORK_DIR, { recursive: true, force: true });
  await fs.promises.mkdir(WORK_DIR, { recursive: true });
  setUp();
  fs.writeFileSync(`${WORK_DIR}/${event.id}.json`, JSON.stringify(event));
  return { files: fs.readdirSync(WORK_DIR).sort() };
};
