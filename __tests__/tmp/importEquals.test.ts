// TypeScript's `import fs = require('fs')` binds `fs` as `const fs = require('fs')` does;
// ast-types' scope does not declare it, so the binding is recognised on its own (the
// fixtures ts-import-equals-* check the code and run it warm and cold).
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { findFsBindings, fsCallOf } from '../../src/analysis/fsBindings';
import { jscodeshiftFor } from '../../src/analysis/parser';
import { transform } from '../../transforms/tmp';

const run = (source: string, file = 'src/handler.cts') => applyTransforms(source, file, { transforms: [transform] });
const kinds = (findings: Array<{ kind: string }>) => findings.map((f) => f.kind).sort();

const FIXTURES = path.join(__dirname, '..', '..', '__testfixtures__', 'tmp');

describe('reports per fixture', () => {
  it.each([
    ['ts-import-equals-sync.input.cts', ['remove-directory', 'remove-file']],
    ['ts-import-equals-node-promises.input.cts', ['remove-directory']],
    ['ts-import-equals-added-import.input.cts', ['remove-file']],
    ['ts-import-equals-esm-exports.input.ts', ['remove-file']],
  ])('%s', (file, changes) => {
    const result = run(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), `__testfixtures__/tmp/${file}`);
    expect(result.error).toBeUndefined();
    expect(kinds(result.changes)).toEqual(changes);
    expect(result.review).toEqual([]);
  });
});

describe('fs bound by import = require', () => {
  const j = jscodeshiftFor('ts');
  const calls = (source: string) => {
    const root = j(source);
    const bindings = findFsBindings(j, root);
    return root
      .find(j.CallExpression)
      .paths()
      .map((p) => fsCallOf(bindings, p))
      .filter((c) => c !== null);
  };

  it('recognises fs, node:fs, fs/promises and node:fs/promises', () => {
    const source = `
      import a = require('fs');
      import b = require('node:fs');
      import c = require('fs/promises');
      import d = require('node:fs/promises');
      export const handler = () => { a.writeFileSync('/tmp/a', ''); b.promises.rm('/tmp/b'); c.mkdir('/tmp/c'); d.readFile('/tmp/d'); };
    `;
    expect(calls(source)).toEqual([
      { api: 'fs', method: 'writeFileSync' },
      { api: 'promises', method: 'rm' },
      { api: 'promises', method: 'mkdir' },
      { api: 'promises', method: 'readFile' },
    ]);
  });

  it('does not take a local or parameter of the same name, an import type or another module for it', () => {
    const source = `
      import fs = require('fs');
      import type fst = require('fs');
      import other = require('./fs');
      function save(fs: any) { fs.writeFileSync('/tmp/a', ''); }
      export const handler = () => { const fs = { rmSync() {} }; fs.rmSync('/tmp/b'); other.writeFileSync('/tmp/c'); save(null); };
    `;
    expect(calls(source)).toEqual([]);
  });

  it('cleans up, instead of reporting, what a handler writes through it', () => {
    const result = run(`import fs = require('fs');

exports.handler = async (event: { id: string }) => {
  fs.writeFileSync('/tmp/out.json', JSON.stringify(event));
  return fs.readFileSync('/tmp/out.json', 'utf8');
};
`);
    expect(result.error).toBeUndefined();
    expect(result.review).toEqual([]);
    expect(kinds(result.changes)).toEqual(['remove-file']);
    expect(result.output).toContain("  await fs.promises.rm('/tmp/out.json', { force: true });\n");
  });

  it('adds fs the same way when the module imports with import = require only, under a free name', () => {
    const result = run(`import fsp = require('node:fs/promises');
import type { Handler } from 'aws-lambda';

const fs = 'taken';

export const handler: Handler = (event, context, callback) => {
  fsp.writeFile('/tmp/out.json', fs).then(() => callback(null, 'ok'));
};
`, 'src/handler.ts');
    expect(result.error).toBeUndefined();
    expect(result.output).toMatch(/^import fs2 = require\('node:fs'\);\nimport fsp = require\('node:fs\/promises'\);\n/);
    expect(result.output).toContain("  fs2.rmSync('/tmp/out.json', { force: true });\n");
  });

  it('keeps the import form in a module that also has a value import', () => {
    const result = run(`import fsp = require('fs/promises');
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger();

export const handler = (event: unknown, context: unknown, callback: (e: null, r: string) => void) => {
  logger.info('start');
  fsp.writeFile('/tmp/out.json', '').then(() => callback(null, 'ok'));
};
`, 'src/handler.ts');
    expect(result.error).toBeUndefined();
    expect(result.output).toMatch(/^import \* as fs from 'fs';\n/);
  });
});
