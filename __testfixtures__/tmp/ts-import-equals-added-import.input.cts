import fsp = require('fs/promises');

const REPORT = '/tmp/lcs-tmp-ts-import-equals-added-import.json';

exports.handler = (event: { n: number }) => {
  return fsp.writeFile(REPORT, JSON.stringify(event), { flag: 'a' }).then(() => fsp.readFile(REPORT, 'utf8')).then((text) => text.length);
};
