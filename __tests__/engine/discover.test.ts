import fs from 'node:fs';
import path from 'node:path';
import { discoverFiles, MAX_FILE_BYTES } from '../../src/engine/discover';
import { UsageError } from '../../src/engine/errors';
import { makeRepository, makeTree, removeTree } from './tree';

const HANDLER = 'exports.handler = async () => 1;\n';
const created: string[] = [];
afterAll(() => created.forEach(removeTree));

function tree(files: Record<string, string | Buffer>, repository = false): string {
  const dir = repository ? makeRepository(files, 'lcs-discover-') : makeTree(files, 'lcs-discover-');
  created.push(dir);
  return dir;
}

const relativeFiles = (dir: string, d: ReturnType<typeof discoverFiles>) => d.files.map((f) => path.relative(dir, f.path));

describe('discoverFiles', () => {
  it('finds source files by extension, sorted, and skips node_modules', () => {
    const dir = tree({
      'b.ts': HANDLER,
      'a.js': HANDLER,
      'c/d.mjs': HANDLER,
      'c/e.tsx': HANDLER,
      'notes.md': '# not code',
      'node_modules/pkg/index.js': HANDLER,
      'c/node_modules/x.js': HANDLER,
    });
    expect(relativeFiles(dir, discoverFiles({ paths: ['.'], cwd: dir }))).toEqual(['a.js', 'b.ts', 'c/d.mjs', 'c/e.tsx']);
  });

  it('honours the repository .gitignore, nested ones and negations', () => {
    const dir = tree(
      {
        '.gitignore': 'build/\n*.gen.js\n',
        'src/.gitignore': 'local.js\n!keep.gen.js\n',
        'src/app.js': HANDLER,
        'src/local.js': HANDLER,
        'src/x.gen.js': HANDLER,
        'src/keep.gen.js': HANDLER,
        'build/out.js': HANDLER,
      },
      true,
    );
    expect(relativeFiles(dir, discoverFiles({ paths: ['.'], cwd: dir }))).toEqual(['src/app.js', 'src/keep.gen.js']);
  });

  it('applies .gitignore files above the given path, up to the git root', () => {
    const dir = tree({ '.gitignore': 'generated/\n', 'src/generated/a.js': HANDLER, 'src/b.js': HANDLER }, true);
    const d = discoverFiles({ paths: ['src'], cwd: dir });
    expect(relativeFiles(dir, d)).toEqual(['src/b.js']);
  });

  it('reports an explicitly named file that .gitignore excludes', () => {
    const dir = tree({ '.gitignore': 'a.js\n', 'a.js': HANDLER }, true);
    const d = discoverFiles({ paths: ['a.js'], cwd: dir });
    expect(d.files).toEqual([]);
    expect(d.skipped).toEqual([{ path: path.join(dir, 'a.js'), reason: 'ignored by .gitignore' }]);
  });

  it('skips --ignore patterns with gitignore semantics, relative to the working directory', () => {
    const dir = tree({ 'src/a.js': HANDLER, 'src/a.test.js': HANDLER, 'src/legacy/b.js': HANDLER, 'scripts/c.js': HANDLER });
    const d = discoverFiles({ paths: ['.'], cwd: dir, ignore: ['*.test.js', 'src/legacy/', '/scripts'] });
    expect(relativeFiles(dir, d)).toEqual(['src/a.js']);
  });

  it('follows symbolic links inside the given paths once, and never links pointing outside or loops', () => {
    const outside = tree({ 'secret.js': HANDLER });
    const dir = tree({ 'src/a.js': HANDLER, 'src/real/b.js': HANDLER });
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(dir, 'src/outside.js'));
    fs.symlinkSync(outside, path.join(dir, 'src/outside-dir'));
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'src/real/loop'));
    fs.symlinkSync(path.join(dir, 'src/real'), path.join(dir, 'src/alias'));
    const d = discoverFiles({ paths: ['src'], cwd: dir });
    expect(relativeFiles(dir, d)).toEqual(['src/a.js', 'src/alias/b.js']);
    expect(d.files[1].realPath).toBe(path.join(dir, 'src/real/b.js'));
    const reasons = Object.fromEntries(d.skipped.map((s) => [path.relative(dir, s.path), s.reason]));
    expect(reasons['src/outside.js']).toMatch(/outside the given paths/);
    expect(reasons['src/outside-dir']).toMatch(/outside the given paths/);
    // the loop back to src is named, without failing the run: nothing in it is lost
    const loop = d.skipped.find((s) => path.relative(dir, s.path) === 'src/alias/loop');
    expect(loop).toEqual({ path: path.join(dir, 'src/alias/loop'), reason: expect.stringMatching(/scanned already \(a loop/) });
  });

  it('says nothing about links it would skip anyway: node_modules, .gitignore, --ignore, files it does not read', () => {
    const outside = tree({ 'secret.js': HANDLER, 'notes.txt': 'x', 'pkg/index.js': HANDLER });
    const dir = tree({ '.gitignore': 'build\n', 'src/a.js': HANDLER });
    fs.symlinkSync(path.join(outside, 'pkg'), path.join(dir, 'node_modules'));
    fs.symlinkSync(path.join(outside, 'pkg'), path.join(dir, 'build'));
    fs.symlinkSync(path.join(outside, 'pkg'), path.join(dir, 'vendor'));
    fs.symlinkSync(path.join(outside, 'notes.txt'), path.join(dir, 'src/notes.txt'));
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(dir, 'src/linked.js'));
    const d = discoverFiles({ paths: ['.'], cwd: dir, ignore: ['vendor'] });
    expect(relativeFiles(dir, d)).toEqual(['src/a.js']);
    expect(d.skipped.map((s) => path.relative(dir, s.path))).toEqual(['src/linked.js']);
  });

  it('skips files over the size bound with a reason', () => {
    const dir = tree({ 'big.js': 'x'.repeat(MAX_FILE_BYTES + 1), 'small.js': HANDLER });
    const d = discoverFiles({ paths: ['.'], cwd: dir });
    expect(relativeFiles(dir, d)).toEqual(['small.js']);
    expect(d.skipped).toEqual([{ path: path.join(dir, 'big.js'), reason: 'larger than 1 MiB', unprocessed: true }]);
  });

  it('collects manifests on the way', () => {
    const dir = tree({ 'template.yaml': 'Resources: {}\n', 'svc/serverless.yml': 'functions: {}\n', 'a.js': HANDLER });
    expect(discoverFiles({ paths: ['.'], cwd: dir }).manifests).toEqual([path.join(dir, 'svc/serverless.yml'), path.join(dir, 'template.yaml')]);
  });

  it('names every path that does not exist: a usage error when no given path exists, else skipped as not processed', () => {
    const dir = tree({ 'a.js': HANDLER });
    expect(() => discoverFiles({ paths: ['missing', 'gone.js'], cwd: dir })).toThrow(new UsageError('paths do not exist: missing, gone.js'));
    const d = discoverFiles({ paths: ['a.js', 'missing', 'gone.js'], cwd: dir });
    expect(relativeFiles(dir, d)).toEqual(['a.js']);
    expect(d.skipped).toEqual([
      { path: path.join(dir, 'gone.js'), reason: 'does not exist', unprocessed: true },
      { path: path.join(dir, 'missing'), reason: 'does not exist', unprocessed: true },
    ]);
  });
});
