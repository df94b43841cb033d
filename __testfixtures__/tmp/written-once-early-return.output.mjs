import fs from 'node:fs';

const MODEL = '/tmp/lcs-tmp-written-once-early-return.onnx';
let model;

// the helper returns the handle it kept before it writes anything
async function ensureModel() {
  if (model) return model;
  await fs.promises.writeFile(MODEL, 'weights');
  model = { path: MODEL };
  return model;
}

export const handler = async (event) => {
  const { path } = await ensureModel();
  return { bytes: fs.readFileSync(path, 'utf8'), q: event.q };
};
