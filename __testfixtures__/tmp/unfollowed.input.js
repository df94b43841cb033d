const fs = require('fs');
const { renderThumbnail } = require('./thumbnails');

exports.handler = async (event) => {
  await renderThumbnail(Buffer.from(event.image, 'base64'), '/tmp/lcs-tmp-unfollowed.png');
  return fs.readFileSync('/tmp/lcs-tmp-unfollowed.png').toString('base64');
};
