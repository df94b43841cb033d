const fs = require('fs');

exports.handler = (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  fs.rmSync('/tmp/lcs-tmp-symlink-name', { force: true });
  // a link to a directory that does not exist: the cleanup must remove the link, never follow it
  fs.symlinkSync('/tmp/lcs-tmp-symlink-name-target', '/tmp/lcs-tmp-symlink-name');
  return fs.readlinkSync('/tmp/lcs-tmp-symlink-name') + event.suffix;
};
