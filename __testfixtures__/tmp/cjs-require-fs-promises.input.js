const fsp = require('fs/promises');

exports.handler = async (event) => {
  await fsp.appendFile('/tmp/lcs-tmp-cjs-require-fs-promises.log', `${event.user}\n`);
  const log = await fsp.readFile('/tmp/lcs-tmp-cjs-require-fs-promises.log', 'utf8');
  return log.trim().split('\n');
};
