const fs = require('fs');

exports.handler = async (event) => {
  fs.rmSync('/tmp/lcs-tmp-own-cleanup', { recursive: true, force: true });
  fs.mkdirSync('/tmp/lcs-tmp-own-cleanup');
  fs.writeFileSync(`/tmp/lcs-tmp-own-cleanup/${event.id}`, 'x');
  return fs.readdirSync('/tmp/lcs-tmp-own-cleanup').length;
};
