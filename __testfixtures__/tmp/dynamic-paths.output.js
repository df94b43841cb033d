const fs = require('fs');
const os = require('os');
const path = require('path');

exports.handler = (event) => {
  const name = `${event.user}-${Date.now()}.json`;
  fs.writeFileSync(`/tmp/${name}`, JSON.stringify(event));
  fs.writeFileSync(path.join(os.tmpdir(), event.key), 'x');
  fs.writeFileSync('/tmp/upload-' + event.id, 'y');
  let target = '/tmp/lcs-tmp-dynamic-paths.txt';
  if (event.other) target = '/tmp/lcs-tmp-dynamic-paths-other.txt';
  fs.writeFileSync(target, 'z');
  fs.writeFileSync(event.path, 'from the event');
  return name;
};
