const fs = require('fs');
const path = require('path');

// A Lambda extension writes its token into the same directory this handler writes into.
const SHARED = '/tmp/lcs-tmp-shared-directory';
const REQUESTS = path.join(SHARED, 'requests');

exports.handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm(REQUESTS, { recursive: true, force: true });
  await fs.promises.rm(`${SHARED}/last-request.json`, { force: true });
  let token = 'none';
  if (fs.existsSync(`${SHARED}/extension-token`)) token = fs.readFileSync(`${SHARED}/extension-token`, 'utf8');
  const previous = fs.existsSync(`${SHARED}/last-request.json`);
  fs.mkdirSync(REQUESTS, { recursive: true });
  fs.writeFileSync(`${SHARED}/last-request.json`, JSON.stringify(event));
  fs.writeFileSync(path.join(REQUESTS, `${event.id}.json`), JSON.stringify(event));
  return { token, previous, requests: fs.readdirSync(REQUESTS).sort() };
};
