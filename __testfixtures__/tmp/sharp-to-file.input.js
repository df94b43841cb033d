const fs = require('fs');
const sharp = require('sharp');

const OUT_DIR = '/tmp/lcs-tmp-sharp-to-file';

// sharp's toFile writes the thumbnail: the directory holds only what the handler writes
exports.handler = async (event) => {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(`${OUT_DIR}/source`, event.data);
  await sharp(`${OUT_DIR}/source`).resize(64).webp().toFile(`${OUT_DIR}/${event.name}.webp`);
  return { files: fs.readdirSync(OUT_DIR).sort() };
};
