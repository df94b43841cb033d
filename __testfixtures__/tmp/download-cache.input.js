const fs = require('fs');
const https = require('https');

const MODEL_PATH = '/tmp/lcs-tmp-download-cache/model.bin';

function download(url, target) {
  return new Promise((resolve, reject) => {
    https.get(url, (response) => response.pipe(fs.createWriteStream(target)).on('finish', resolve)).on('error', reject);
  });
}

exports.handler = async (event) => {
  if (!fs.existsSync(MODEL_PATH)) {
    fs.mkdirSync('/tmp/lcs-tmp-download-cache', { recursive: true });
    await download(event.modelUrl, MODEL_PATH);
  }
  return fs.statSync(MODEL_PATH).size;
};
