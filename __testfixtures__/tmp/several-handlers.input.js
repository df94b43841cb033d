const fs = require('fs');

async function create(event) {
  await fs.promises.appendFile('/tmp/lcs-tmp-several-handlers-created.log', `${event.id}\n`);
  return fs.promises.readFile('/tmp/lcs-tmp-several-handlers-created.log', 'utf8');
}

function remove(event) {
  fs.appendFileSync('/tmp/lcs-tmp-several-handlers-removed.log', `${event.id}\n`);
  return fs.readFileSync('/tmp/lcs-tmp-several-handlers-removed.log', 'utf8');
}

module.exports = { create, remove };
