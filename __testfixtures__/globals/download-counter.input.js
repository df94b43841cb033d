const { existsSync, readFileSync, writeFileSync } = require('fs');

const MODEL_PATH = '/tmp/lcs-globals-download-counter.bin';
let downloads = 0;

exports.handler = async (event) => {
  if (!existsSync(MODEL_PATH)) {
    writeFileSync(MODEL_PATH, 'weights');
    downloads += 1;
  }
  return { model: readFileSync(MODEL_PATH, 'utf8'), downloads, input: event.input };
};
