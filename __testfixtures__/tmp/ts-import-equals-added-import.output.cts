import fs = require('fs');
import fsp = require('fs/promises');

const REPORT = '/tmp/lcs-tmp-ts-import-equals-added-import.json';

exports.handler = (event: { n: number }) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  fs.rmSync(REPORT, { force: true });
  return fsp.writeFile(REPORT, JSON.stringify(event), { flag: 'a' }).then(() => fsp.readFile(REPORT, 'utf8')).then((text) => text.length);
};
