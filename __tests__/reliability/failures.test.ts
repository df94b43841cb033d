// Failures that a folder of files cannot always provoke, checked at the unit level: a
// directory that cannot be listed (root reads everything, so the CLI test needs another
// user), and a transform that throws on a file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import type { Transform } from '../../src/analysis/types';
import { discoverFiles } from '../../src/engine/discover';
import { selectTransforms } from '../../src/engine/selectTransforms';
import type { MigrateResult } from '../../src/engine/results';
import { jsonFormat } from '../../src/engine/formats/json';
import { failureStacks } from '../../src/commands/migrate';

const HANDLER = 'let count = 0;\nexports.handler = async (event) => ++count;\n';

describe('discoverFiles', () => {
  it('lists a directory it cannot read as not processed, with the error code, and goes on', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-reliability-unreadable-')));
    try {
      fs.mkdirSync(path.join(dir, 'locked'));
      fs.writeFileSync(path.join(dir, 'locked/a.js'), HANDLER);
      fs.writeFileSync(path.join(dir, 'b.js'), HANDLER);
      const readdir = fs.readdirSync;
      const spy = jest.spyOn(fs, 'readdirSync').mockImplementation(((p: fs.PathLike, options?: any) => {
        if (String(p) === path.join(dir, 'locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
        return readdir(p, options);
      }) as typeof fs.readdirSync);
      try {
        const found = discoverFiles({ paths: ['.'], cwd: dir });
        expect(found.files.map((f) => path.relative(dir, f.path))).toEqual(['b.js']);
        expect(found.skipped).toEqual([{ path: path.join(dir, 'locked'), reason: 'directory could not be read (EACCES)', unprocessed: true }]);
      } finally {
        spy.mockRestore();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('applyTransforms', () => {
  const throwing: Transform = {
    name: 'tmp',
    description: 'throws, as a transform with a bug would on code it did not expect',
    step: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'type')\n    at somewhere (file.js:1:1)");
    },
  };

  it('turns a transform that throws into a one-line error for that file, with no output and no changes', () => {
    const [globals] = selectTransforms(['globals']);
    const result = applyTransforms(HANDLER, 'odd.js', { transforms: [globals, throwing] });
    expect(result.output).toBeNull();
    expect(result.changes).toEqual([]);
    expect(result.handlers).toEqual(['handler']);
    expect(result.error).toEqual({
      message: "internal error in the tmp transform (Cannot read properties of undefined (reading 'type')); file left unchanged, please report it",
      line: 0,
      column: 0,
      stack: expect.stringMatching(/^TypeError: Cannot read properties of undefined \(reading 'type'\)\n/),
    });
  });

  it('keeps the stack for --verbose, which prints it on stderr; the JSON report leaves it out', () => {
    const [globals] = selectTransforms(['globals']);
    const error = applyTransforms(HANDLER, 'odd.js', { transforms: [globals, throwing] }).error!;
    const file = { path: 'src/odd.js', absolutePath: '/x/src/odd.js', handlers: ['handler'], changed: false, changes: [], review: [], error };
    const result = { cwd: '/x', gitRoot: null, transforms: [], manifests: [], files: [file], skipped: [], notes: [], wrote: false, summary: { filesScanned: 1, handlerModules: 1, filesChanged: 0, changesByTransform: {}, reviewItems: 0, errors: 1, skipped: 0 } } as MigrateResult;
    expect(failureStacks(result)).toBe(`lambda-clean-slate: src/odd.js  ${error.message}\n${error.stack}\n`);
    expect(failureStacks(result)).toContain('at somewhere (file.js:1:1)');
    expect(JSON.parse(jsonFormat.render(result, { color: false })).files[0].error).toEqual({ message: error.message, line: 0, column: 0 });
  });
});
