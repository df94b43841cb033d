import fs from 'node:fs';
import path from 'node:path';
import { findTmpPaths } from '../../src/analysis/tmpPaths';
import { jscodeshiftFor, parserFor } from '../../src/analysis/parser';
import { findStaticTmpPaths, isRemovableTmpPath, staticTmpPathsIn } from '../../src/simulate';

describe('findStaticTmpPaths', () => {
  it('finds literals, path.join of /tmp and os.tmpdir(), and module constants', () => {
    const source = `
      const os = require('os');
      const path = require('path');
      const WORK = '/tmp/work';
      const OUT = path.join(os.tmpdir(), 'out');
      const cache = \`/tmp/cache/\${'v1'}\`;
      exports.handler = async () => {
        fs.writeFileSync(path.join(WORK, 'a.txt'), '');
        fs.writeFileSync(\`\${OUT}/b.txt\`, '');
        fs.writeFileSync('/tmp/single.json', '');
        fs.writeFileSync(path.join('/tmp', 'joined', 'c.txt'), '');
      };`;
    expect(findStaticTmpPaths(source, 'handler.js')).toEqual(['/tmp/out', '/tmp/work', '/tmp/cache/v1', '/tmp/single.json', '/tmp/joined/c.txt']);
  });

  it('finds paths outside file system calls (an options object, a value handed to a library)', () => {
    const source = `
      const Database = require('better-sqlite3');
      const db = new Database({ filename: '/tmp/db/orders.sqlite' });
      exports.handler = async (event) => download(event.url, { into: \`/tmp/downloads\` });`;
    expect(findStaticTmpPaths(source, 'handler.js')).toEqual(['/tmp/downloads', '/tmp/db/orders.sqlite']);
  });

  it('evaluates path functions as the tmp transform does: named imports, node: modules, posix, normalize', () => {
    const source = `
      import { join, normalize } from 'node:path';
      import { tmpdir } from 'node:os';
      import path from 'path';
      export const handler = async () => {
        write(join(tmpdir(), 'named', 'a'));
        write(path.posix.join('/tmp', 'posix'));
        write(normalize('/tmp//normalised/'));
      };`;
    expect(findStaticTmpPaths(source, 'handler.mjs')).toEqual(['/tmp/posix', '/tmp/named/a', '/tmp/normalised']);
  });

  it('does not take functions that are not path or os functions for them', () => {
    const source = `
      const tmpdir = () => '/var/scratch';
      const words = { join: (...parts) => parts.join('-') };
      exports.handler = async () => [write(\`\${tmpdir()}/out\`), write(words.join('/tmp', 'x'))];`;
    expect(findStaticTmpPaths(source, 'handler.js')).toEqual([]);
  });

  it('leaves /tmp itself, dynamic parts, .., globs, prose and relative resolves alone', () => {
    const source = `
      import path from 'node:path';
      export const handler = async (event) => {
        rm('/tmp'); rm('/tmp/'); rm(\`/tmp/\${event.id}\`); rm('/tmp/' + event.name); rm('/tmp/../etc');
        rm('/tmp/*.json'); log('/tmp/ is full'); rm(path.resolve('out')); rm('cat /tmp/x');
        rm(path.join('/tmp', 'a', '..', '..', 'etc'));
      };`;
    expect(findStaticTmpPaths(source, 'handler.mjs')).toEqual([]);
  });

  it('reads TypeScript', () => {
    const source = `const DIR = '/tmp/typed' as const;\nexport const handler = async (event: { n: number }): Promise<void> => { write(\`\${DIR}/x\`); };`;
    expect(findStaticTmpPaths(source, 'handler.ts')).toEqual(['/tmp/typed']);
  });

  it('throws on a source that does not parse', () => {
    expect(() => findStaticTmpPaths('exports.handler = (', 'handler.js')).toThrow();
  });
});

// simulate and the tmp transform share one analysis: every static path the transform
// sees in its fixtures is cleared by simulate (itself or a directory that holds it), and
// simulate never clears a path the transform would refuse to touch.
describe('agreement with the tmp transform on its fixtures', () => {
  const directory = path.join(__dirname, '..', '..', '__testfixtures__', 'tmp');
  const inputs = fs.readdirSync(directory).filter((name) => /\.input\.\w+$/.test(name));

  it.each(inputs)('%s', (name) => {
    const j = jscodeshiftFor(parserFor(name) ?? 'babel');
    const root = j(fs.readFileSync(path.join(directory, name), 'utf8'));
    const cleared = staticTmpPathsIn(j, root);
    const inside = (p: string) => cleared.some((c) => p === c || p.startsWith(`${c}/`));
    for (const use of findTmpPaths(j, root)) {
      if (use.value.kind === 'static') expect([use.value.path, inside(use.value.path)]).toEqual([use.value.path, true]);
      if (use.value.kind === 'dot-dot') expect(cleared).not.toContain(path.posix.normalize(use.value.text));
    }
    expect(cleared.every(isRemovableTmpPath)).toBe(true);
  });
});

describe('isRemovableTmpPath', () => {
  it.each([
    ['/tmp/a', true],
    ['/tmp/a/b/', true],
    ['/tmp', false],
    ['/tmp/', false],
    ['/tmp/./', false],
    ['/tmp/a/../../etc', false],
    ['/tmp/a/..', false],
    ['/tmpfiles/a', false],
    ['/var/tmp/a', false],
    ['tmp/a', false],
    ['/tmp/*.json', false],
    ['/tmp/ is full', false],
  ])('%s -> %s', (value, expected) => {
    expect(isRemovableTmpPath(value)).toBe(expected);
  });
});
