const fs = require('fs');
const path = require('path');

const WORK = '/tmp/lcs-tmp-written-by-init-at-load';

// the settings every invocation reads, written once as the module loads
function init() {
  fs.mkdirSync(WORK, { recursive: true });
  fs.writeFileSync(path.join(WORK, 'settings.json'), JSON.stringify({ mode: 'fast' }));
}
init();

exports.handler = async (event) => {
  const settings = JSON.parse(fs.readFileSync(path.join(WORK, 'settings.json'), 'utf8'));
  const seenBefore = fs.existsSync(path.join(WORK, 'last.json'));
  fs.writeFileSync(path.join(WORK, 'last.json'), JSON.stringify({ id: event.id, mode: settings.mode }));
  return { seenBefore, files: fs.readdirSync(WORK).sort() };
};
