import fsp = require('node:fs/promises');

const LOG = '/tmp/lcs-tmp-ts-import-equals-node-promises/requests.log';

exports.handler = async (event: { id: string }) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fsp.rm('/tmp/lcs-tmp-ts-import-equals-node-promises', { recursive: true, force: true });
  await fsp.mkdir('/tmp/lcs-tmp-ts-import-equals-node-promises', { recursive: true });
  await fsp.appendFile(LOG, `${event.id}\n`);
  return fsp.readFile(LOG, 'utf8');
};
