const fs = require('fs');

// Set by a signal, not by the code that writes: every other invocation writes the directory.
let shuttingDown = false;
process.on('SIGTERM', () => {
  shuttingDown = true;
});

exports.handler = async (event) => {
  if (shuttingDown) return { skipped: true };
  fs.mkdirSync('/tmp/lcs-tmp-flag-set-by-listener', { recursive: true });
  fs.writeFileSync(`/tmp/lcs-tmp-flag-set-by-listener/${event.id}.txt`, 'x');
  return { files: fs.readdirSync('/tmp/lcs-tmp-flag-set-by-listener').sort() };
};
