// What the `tmp` transform reports for each fixture (the fixture runner checks the code;
// this checks that every path left alone is reported with the right reason), and the
// path analysis that `simulate` can share.
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { jscodeshiftFor } from '../../src/analysis/parser';
import { findTmpPaths } from '../../src/analysis/tmpPaths';
import { transform } from '../../transforms/tmp';

const FIXTURES = path.join(__dirname, '..', '..', '__testfixtures__', 'tmp');

function run(name: string) {
  const file = fs.readdirSync(FIXTURES).find((f) => f.startsWith(`${name}.input.`));
  if (!file) throw new Error(`no fixture ${name}`);
  const source = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  return applyTransforms(source, `__testfixtures__/tmp/${file}`, { transforms: [transform] });
}

const kinds = (findings: Array<{ kind: string }>) => findings.map((f) => f.kind).sort();

describe('reports per fixture', () => {
  it.each([
    ['cjs-sync-directory', ['remove-directory', 'remove-file'], []],
    ['esm-async-load-directory', ['remove-directory'], []],
    ['helper-functions', ['remove-directory', 'remove-file'], []],
    ['several-handlers', ['remove-file', 'remove-file'], ['handler-by-parameter', 'handler-by-parameter']],
    ['download-cache', [], ['download-cache', 'download-cache']],
    ['download-cache-access', [], ['download-cache']],
    ['download-cache-early-return', [], ['download-cache']],
    ['dynamic-paths', [], ['dynamic-path', 'dynamic-path', 'dynamic-path', 'dynamic-path']],
    ['dot-dot', [], ['dot-dot', 'dot-dot', 'dot-dot', 'dot-dot']],
    ['tmp-root', [], ['tmp-root', 'tmp-root', 'tmp-root', 'unique-directory']],
    ['written-at-load', ['remove-file'], ['written-at-load', 'written-at-load']],
    ['unfollowed', [], ['unfollowed']],
    ['write-stream-at-load', [], ['written-at-load']],
    ['written-by-init-at-load', ['remove-file'], ['written-at-load']],
    ['written-once-flag', [], ['written-once']],
    ['written-once-helper', [], ['written-once']],
    ['written-once-nullish-helper', [], ['download-cache', 'written-once']],
    ['written-once-set-in-helper', [], ['written-once']],
    ['written-once-early-return', [], ['written-once']],
    ['written-once-state-object', [], ['written-once']],
    ['conditional-on-event', ['remove-file'], []],
    ['written-once-directory', ['remove-directory'], []],
    ['written-once-dynamic-names', [], ['written-once']],
    ['lazy-write-stream', [], ['written-once']],
    ['lazy-fd', [], ['written-once']],
    ['var-never-reassigned', ['remove-directory'], []],
    ['env-dir-fallback', [], ['dynamic-path']],
    ['let-reassigned', [], ['dynamic-path', 'dynamic-path']],
    ['named-imports-two-handlers', ['remove-file', 'remove-file'], ['handler-by-parameter']],
    ['shared-directory', ['remove-directory', 'remove-file'], ['shared-directory']],
    ['sharp-to-file', ['remove-directory'], []],
    ['not-a-path', [], []],
    ['read-only', [], []],
    ['idempotent', [], []],
    ['own-cleanup', [], []],
  ])('%s', (name, changes, review) => {
    const result = run(name);
    expect(result.error).toBeUndefined();
    expect(kinds(result.changes)).toEqual(changes);
    expect(kinds(result.review)).toEqual(review);
  });

  it('points at the line of the path and says why', () => {
    const [dynamic] = run('dynamic-paths').review;
    expect(dynamic).toMatchObject({ transform: 'tmp', line: 7, column: 20 });
    expect(dynamic.message).toContain('`event.user`');
    const cache = run('download-cache-access').review[0];
    expect(cache.message).toContain('/tmp/lcs-tmp-download-cache-access.json');
    expect(cache.message).toMatch(/existence check/);
  });

  it('says which flag keeps a file that a function called under it writes', () => {
    const [kept] = run('written-once-helper').review;
    expect(kept).toMatchObject({ kind: 'written-once', line: 8 });
    expect(kept.message).toBe('/tmp/lcs-tmp-written-once-helper.onnx is written only as `loaded` allows, module state the code changes as it runs: an invocation writes it and later ones in the same execution environment may skip the write and rely on it, so it is not removed');
    const nullish = run('written-once-nullish-helper').review.find((r) => r.kind === 'written-once');
    expect(nullish?.message).toContain('only as `modelReady` allows');
  });
});

describe('a path handed to a library call', () => {
  // gm's write() writes too, but gm is not in the table: the tool cannot tell a read from a write
  it('is not called a read the handler does not write when the tool does not follow the call', () => {
    const source = `
      const fs = require('fs');
      const gm = require('gm');
      exports.handler = async (event) => {
        fs.mkdirSync('/tmp/thumbs', { recursive: true });
        fs.writeFileSync('/tmp/thumbs/source', event.data);
        await gm('/tmp/thumbs/source').resize(64).write(\`/tmp/thumbs/\${event.name}.webp\`);
      };
    `;
    const shared = applyTransforms(source, 'handler.js', { transforms: [transform] }).review.find((r) => r.kind === 'shared-directory');
    expect(shared?.message).toMatch(/^\/tmp\/thumbs holds paths the handler passes to code the tool does not follow \(which may read them\), such as a path below \/tmp\/thumbs built from `event.name`/);
  });
});

describe('a write in a function called under a once-guard', () => {
  const migrate = (source: string) => applyTransforms(source, 'handler.js', { transforms: [transform] });
  const module = (handlerBody: string) => `
    const fs = require('fs');
    const MODEL = '/tmp/model.onnx';
    let loaded = false;
    async function writeModel() { await fs.promises.writeFile(MODEL, 'weights'); }
    async function downloadModel() { await writeModel(); }
    exports.handler = async (event) => {
      ${handlerBody}
      return fs.statSync(MODEL).size;
    };
  `;

  it('is kept however deep the calls, recursion included', () => {
    const result = migrate(module('if (!loaded) { await downloadModel(); loaded = true; }'));
    expect(result.output).toBeNull();
    expect(kinds(result.review)).toEqual(['written-once']);
    const recursive = migrate(`
      const fs = require('fs');
      let loaded = false;
      async function downloadModel(n) { if (n > 0) return downloadModel(n - 1); await fs.promises.writeFile('/tmp/model.onnx', 'weights'); }
      exports.handler = async () => { if (!loaded) { await downloadModel(2); loaded = true; } return fs.statSync('/tmp/model.onnx').size; };
    `);
    expect(kinds(recursive.review)).toEqual(['written-once']);
  });

  // a call of the function that runs on every invocation writes the file each time: what it
  // wrote is per invocation, and removed as any other such file
  it('is removed when a handler also calls the function unguarded, or it is exported', () => {
    const both = migrate(module('if (!loaded) { await downloadModel(); loaded = true; }\n      await writeModel();'));
    expect(both.output).toContain('await fs.promises.rm(MODEL, { force: true });');
    expect(kinds(both.review)).toEqual([]);
    const exported = migrate(`${module('if (!loaded) { await downloadModel(); loaded = true; }')}\n    exports.writeModel = writeModel;`);
    expect(exported.output).toContain('await fs.promises.rm(MODEL, { force: true });');
  });
});

describe('a write that depends on module state the code changes', () => {
  const migrate = (source: string) => applyTransforms(source, 'handler.js', { transforms: [transform] });
  const written = (source: string) => migrate(source).review.filter((r) => r.kind === 'written-once').map((r) => r.message);
  const once = (state: string) => `/tmp/model.onnx is written only as \`${state}\` allows, module state the code changes as it runs: an invocation writes it and later ones in the same execution environment may skip the write and rely on it, so it is not removed`;

  it('is kept when the helper under the test sets the flag, or returns early on it', () => {
    expect(written(`
      const fs = require('fs');
      let loaded = false;
      async function downloadModel() { await fs.promises.writeFile('/tmp/model.onnx', 'w'); loaded = true; }
      exports.handler = async () => { if (!loaded) await downloadModel(); return fs.statSync('/tmp/model.onnx').size; };
    `)).toEqual([once('loaded')]);
    expect(written(`
      const fs = require('fs');
      let ready = false;
      async function ensureModel() { if (ready) return; await fs.promises.writeFile('/tmp/model.onnx', 'w'); ready = true; }
      exports.handler = async () => { await ensureModel(); return fs.statSync('/tmp/model.onnx').size; };
    `)).toEqual([once('ready')]);
  });

  it.each([
    ['a cached handle', 'let model;', 'if (model) return model;', 'model = {};', 'model'],
    ['a property of a module object', 'const state = {};', 'if (state.model) { return state.model; }', 'state.model = {};', 'state.model'],
    ['a Map of handles', 'const models = new Map();', 'if (models.has(key)) return models.get(key);', 'models.set(key, {});', 'models'],
    ['a counter', 'let runs = 0;', 'if (++runs > 1) throw new Error("again");', '', 'runs'],
    ['a promise, with ??', 'let pending;', 'if (pending ?? false) return pending;', 'pending = Promise.resolve();', 'pending'],
    ['a local const that holds a handle', 'let model;', 'const cached = model; if (cached) return cached;', 'model = {};', 'model'],
    ['a module function that reads a flag', 'let loaded = false; const isLoaded = () => loaded;', 'if (isLoaded()) return;', 'loaded = true;', 'loaded'],
  ])('is kept when an early return or throw tests %s', (_name, declaration, exit, set, state) => {
    expect(written(`
      const fs = require('fs');
      ${declaration}
      function load(key) { ${exit} fs.writeFileSync('/tmp/model.onnx', 'w'); ${set} }
      exports.handler = async (event) => { try { load(event.key); } catch {} return fs.readFileSync('/tmp/model.onnx', 'utf8'); };
    `)).toEqual([once(state)]);
  });

  it.each([
    ['a conditional', 'loaded ? null : fs.writeFileSync(MODEL, "w");'],
    ['&&', '!loaded && fs.writeFileSync(MODEL, "w");'],
    ['??', 'loaded ?? fs.writeFileSync(MODEL, "w");'],
    ['&&=', 'loaded &&= fs.writeFileSync(MODEL, "w");'],
    ['a switch', 'switch (loaded) { case false: fs.writeFileSync(MODEL, "w"); }'],
    ['an else', 'if (loaded) {} else { fs.writeFileSync(MODEL, "w"); }'],
  ])('is kept under %s on the flag', (_name, statement) => {
    expect(written(`
      const fs = require('fs');
      const MODEL = '/tmp/model.onnx';
      let loaded = null;
      function markLoaded() { loaded = true; }
      exports.handler = async () => { ${statement} markLoaded(); return fs.statSync(MODEL).size; };
    `)).toEqual([once('loaded')]);
  });

  it('keeps the directory of files with names built at run time, and recreates a directory made once', () => {
    const [kept] = run('written-once-dynamic-names').review;
    expect(kept.message).toBe(
      '/tmp/lcs-tmp-written-once-dynamic-names holds files (a path built from `shard`) written only as `loaded` allows, module state the code changes as it runs: an invocation writes them and later ones in the same execution environment may skip the write and rely on them, so it is not removed',
    );
    expect(run('written-once-directory').output).toContain('await fs.promises.rm(WORK_DIR, { recursive: true, force: true });\n  await fs.promises.mkdir(WORK_DIR, { recursive: true });');
  });

  // cold and warm invocations take the same branch: what the handler writes is per invocation
  it.each([
    ['the event', 'if (event.fresh) return;'],
    ['process.env', 'if (process.env.SKIP) throw new Error("skip");'],
    ['a constant', 'if (DRY_RUN) return;'],
    ['a binding only the module sets as it loads', 'if (!configured) return;'],
    ['a local of the same name', 'const loaded = event.loaded; if (loaded) return;'],
  ])('is removed when the test reads %s', (_name, exit) => {
    const result = migrate(`
      const fs = require('fs');
      const DRY_RUN = false;
      let configured = false;
      configured = true;
      let loaded = false;
      function mark() { loaded = true; }
      exports.handler = async (event) => { ${exit} fs.writeFileSync('/tmp/model.onnx', 'w'); mark(); return 1; };
    `);
    expect(result.output).toContain("await fs.promises.rm('/tmp/model.onnx', { force: true });");
    expect(kinds(result.review)).toEqual([]);
  });
});

describe('findTmpPaths', () => {
  const j = jscodeshiftFor('babel');
  const uses = (source: string) =>
    findTmpPaths(j, j(source)).map((u) => ({ access: u.access, value: u.value, atModuleLoad: u.atModuleLoad, guarded: u.guardedBy.length > 0 }));

  it('follows constants through scope, join and tmpdir imported by name', () => {
    const source = `
      import { writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      import { tmpdir } from 'node:os';
      const TMP = tmpdir();
      const OUT = join(TMP, 'out');
      export const handler = () => writeFileSync(\`\${OUT}/a.txt\`, '');
    `;
    expect(uses(source)).toEqual([{ access: 'write-file', value: { kind: 'static', path: '/tmp/out/a.txt' }, atModuleLoad: false, guarded: false }]);
  });

  it('keeps the static directory in front of a dynamic part', () => {
    const source = `
      const fs = require('fs');
      const path = require('path');
      exports.handler = (event) => {
        fs.mkdirSync(path.join('/tmp/jobs', event.id), { recursive: true });
        fs.writeFileSync('/tmp/out-' + event.id, '');
      };
    `;
    expect(uses(source)).toEqual([
      { access: 'make-directory', value: { kind: 'dynamic', directory: '/tmp/jobs', reason: '`event.id`' }, atModuleLoad: false, guarded: false },
      { access: 'write-file', value: { kind: 'dynamic', directory: '/tmp', reason: '`event.id`' }, atModuleLoad: false, guarded: false },
    ]);
  });

  it('tells module-load writes, reads, checks and guarded writes apart', () => {
    const source = `
      const fs = require('fs');
      fs.mkdirSync('/tmp/cache', { recursive: true });
      exports.handler = () => {
        if (!fs.existsSync('/tmp/cache/model')) fs.writeFileSync('/tmp/cache/model', '');
        return fs.readFileSync('/tmp/cache/model');
      };
    `;
    expect(uses(source).map((u) => [u.access, u.atModuleLoad, u.guarded])).toEqual([
      ['make-directory', true, false],
      ['check', false, false],
      ['write-file', false, true],
      ['read', false, false],
    ]);
  });

  it("takes sharp's toFile for a write, on a chain or a const holding one, and only sharp's", () => {
    const source = `
      import sharp from 'sharp';
      import other from 'other';
      export const handler = async (event) => {
        await sharp(event.body).resize(64).webp().toFile('/tmp/a.webp');
        const image = sharp(event.body);
        await image.toFile('/tmp/b.webp');
        await other(event.body).toFile('/tmp/c.webp');
      };
    `;
    expect(uses(source).map((u) => [u.access, (u.value as { path: string }).path])).toEqual([
      ['write-file', '/tmp/a.webp'],
      ['write-file', '/tmp/b.webp'],
      ['unknown', '/tmp/c.webp'],
    ]);
  });

  it('does not take a variable named tmp, or a string that only mentions /tmp, for a path', () => {
    const source = `
      const fs = require('fs');
      const tmp = [];
      exports.handler = (event) => {
        tmp.push(event);
        console.log('/tmp/x');
        fs.writeFileSync(event.file, 'see /tmp/y');
      };
    `;
    expect(uses(source)).toEqual([]);
  });

  it('survives a catch clause without a parameter (ast-types scope bug)', () => {
    const source = `
      const fs = require('fs');
      exports.handler = () => {
        try { fs.accessSync('/tmp/a'); } catch { fs.writeFileSync('/tmp/a', ''); }
      };
    `;
    expect(uses(source).map((u) => u.access)).toEqual(['check', 'write-file']);
  });
});
