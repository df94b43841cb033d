const fs = require('fs');

const MODEL = '/tmp/lcs-tmp-written-once-helper.onnx';
let loaded = false;

// the download is a function of its own, called only while `loaded` is unset
async function downloadModel() {
  await fs.promises.writeFile(MODEL, 'weights');
}

exports.handler = async (event) => {
  if (!loaded) {
    await downloadModel();
    loaded = true;
  }
  return { size: fs.statSync(MODEL).size, q: event.q };
};
