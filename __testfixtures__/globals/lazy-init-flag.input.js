const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});
let config = null;
let initialized = false;

async function init() {
  if (initialized) return;
  const res = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'cfg/app.json' }));
  config = JSON.parse(await res.Body.transformToString());
  initialized = true;
}

exports.handler = async (event) => {
  await init();
  return { feature: config.feature, version: config.version, user: event.user };
};
