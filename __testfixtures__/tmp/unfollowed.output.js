const fs = require('fs');
const sharp = require('sharp');

exports.handler = async (event) => {
  await sharp(Buffer.from(event.image, 'base64')).resize(64).toFile('/tmp/lcs-tmp-unfollowed.png');
  return fs.readFileSync('/tmp/lcs-tmp-unfollowed.png').toString('base64');
};
