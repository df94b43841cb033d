// A project made of the transforms' fixture inputs (each in a folder of its own, as
// handler.<ext>), plus library files that are not handler modules: what the worker, shard
// and progress tests run over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FIXTURES = path.join(__dirname, '..', '..', '__testfixtures__');

export function fixtureTree(prefix: string, copies = 1): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (let copy = 1; copy <= copies; copy++) {
    for (const transform of fs.readdirSync(FIXTURES).sort()) {
      for (const name of fs.readdirSync(path.join(FIXTURES, transform)).sort()) {
        const match = /^(.*)\.input\.([cm]?[jt]sx?)$/.exec(name);
        if (!match) continue;
        const target = path.join(dir, `copy-${copy}`, transform, match[1], `handler.${match[2]}`);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(path.join(FIXTURES, transform, name), target);
        fs.writeFileSync(path.join(path.dirname(target), 'util.js'), `exports.format = (value) => JSON.stringify(value);\n`);
      }
    }
  }
  return dir;
}
