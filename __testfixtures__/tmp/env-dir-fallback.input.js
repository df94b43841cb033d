const fs = require('fs');
const path = require('path');

// an EFS mount in production, /tmp when the variable is unset
const DATA_DIR = process.env.DATA_DIR || '/tmp/lcs-tmp-env-dir-fallback';

exports.handler = async (event) => {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(DATA_DIR, `${event.id}.json`), JSON.stringify(event));
  return fs.readdirSync(DATA_DIR).length;
};
