const fs = require('fs');

const tmp = [];
const CONFIG = '/var/task/config.json';

exports.handler = async (event) => {
  const tmpDir = { name: '/tmp/not-written' };
  tmp.push(event.id);
  console.log('writing to /tmp/lcs-tmp-not-a-path');
  const config = JSON.parse(fs.readFileSync(CONFIG, 'utf8'));
  return { config, tmpDir, seen: tmp.length };
};
