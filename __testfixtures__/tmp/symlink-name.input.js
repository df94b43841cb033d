const fs = require('fs');

exports.handler = (event) => {
  // a link to a directory that does not exist: the cleanup must remove the link, never follow it
  fs.symlinkSync('/tmp/lcs-tmp-symlink-name-target', '/tmp/lcs-tmp-symlink-name');
  return fs.readlinkSync('/tmp/lcs-tmp-symlink-name') + event.suffix;
};
