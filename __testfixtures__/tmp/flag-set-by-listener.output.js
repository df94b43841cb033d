const fs = require('fs');

// Set by a signal, not by the code that writes: every other invocation writes the directory.
let shuttingDown = false;
process.on('SIGTERM', () => {
  shuttingDown = true;
});

exports.handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm('/tmp/lcs-tmp-flag-set-by-listener', { recursive: true, force: true });
  if (shuttingDown) return { skipped: true };
  fs.mkdirSync('/tmp/lcs-tmp-flag-set-by-listener', { recursive: true });
  fs.writeFileSync(`/tmp/lcs-tmp-flag-set-by-listener/${event.id}.txt`, 'x');
  return { files: fs.readdirSync('/tmp/lcs-tmp-flag-set-by-listener').sort() };
};
