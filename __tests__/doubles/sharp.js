// Test double for `sharp`: the file input and output of its public API, no image processing.
// `sharp(input)` takes a path (read when the output is made) or a Buffer; the operations
// (`resize`, `webp`, ...) chain and change nothing; `toFile(fileOut, callback?)` writes the
// input's bytes to `fileOut` and resolves (or calls back) with `{ format, size }`; like sharp
// it does not create the directory, so a missing one rejects with ENOENT. `toBuffer()` resolves
// with the bytes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function sharp(input) {
  const bytes = () => (Buffer.isBuffer(input) ? input : fs.readFileSync(input));
  const image = {
    async toBuffer() {
      return bytes();
    },
    toFile(fileOut, callback) {
      const done = fs.promises.writeFile(fileOut, bytes()).then(() => ({ format: path.extname(fileOut).slice(1), size: bytes().length }));
      if (typeof callback !== 'function') return done;
      done.then((info) => callback(null, info), (err) => callback(err));
      return image;
    },
  };
  for (const operation of ['resize', 'rotate', 'extract', 'flip', 'flop', 'webp', 'jpeg', 'png', 'avif', 'toFormat', 'withMetadata']) image[operation] = () => image;
  return image;
}

module.exports = sharp;
