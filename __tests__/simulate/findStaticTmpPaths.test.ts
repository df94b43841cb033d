import { findStaticTmpPaths, isRemovableTmpPath } from '../../src/simulate';

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

  it('leaves /tmp itself, dynamic parts, .., globs, prose and relative resolves alone', () => {
    const source = `
      export const handler = async (event) => {
        rm('/tmp'); rm('/tmp/'); rm(\`/tmp/\${event.id}\`); rm('/tmp/' + event.name); rm('/tmp/../etc');
        rm('/tmp/*.json'); log('/tmp/ is full'); rm(path.resolve('out')); rm('cat /tmp/x');
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

describe('isRemovableTmpPath', () => {
  it.each([
    ['/tmp/a', true],
    ['/tmp/a/b/', true],
    ['/tmp', false],
    ['/tmp/', false],
    ['/tmp/./', false],
    ['/tmp/a/../../etc', false],
    ['/var/tmp/a', false],
    ['tmp/a', false],
  ])('%s -> %s', (value, expected) => {
    expect(isRemovableTmpPath(value)).toBe(expected);
  });
});
