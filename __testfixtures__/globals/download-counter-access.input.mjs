import fs from 'node:fs/promises';

const MODEL_PATH = '/tmp/lcs-globals-download-counter-access.txt';
let downloads = 0;

async function downloadModel() {
  downloads++;
  await fs.writeFile(MODEL_PATH, 'weights-v1');
}

// fs.access throws while the file is missing: the catch is where the model is downloaded.
async function ensureModel() {
  try {
    await fs.access(MODEL_PATH);
  } catch {
    await downloadModel();
  }
}

export const handler = async (event) => {
  await ensureModel();
  const model = await fs.readFile(MODEL_PATH, 'utf8');
  return { label: `${model}:${event.text}`, downloads };
};
