// `--format json` against its published schema (schema/report.schema.json), with ajv.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { TRANSFORM_ORDER } from '../../src/analysis/types';
import { jsonFormat, toJsonReport } from '../../src/engine/formats/json';
import { migrateReportProject } from './reportProject';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const folders: string[] = [];
afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('--format json', () => {
  it('is valid against schema/report.schema.json and carries every change, review item and error', async () => {
    const { dir, result } = await migrateReportProject();
    folders.push(dir);
    const report = JSON.parse(jsonFormat.render(result, { color: false }));
    expect(validate(report)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);

    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'lambda-clean-slate', version: require('../../package.json').version });
    const byPath = Object.fromEntries(report.files.map((f: any) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['src/broken.js', 'src/cache.js', 'src/odd `name` & <b> #1.js', 'src/state.js']);

    const state = byPath['src/state.js'];
    expect(state).toMatchObject({ handlers: ['handler'], changed: true, written: false, error: null });
    expect(state.changes.map((c: any) => c.transform).sort()).toEqual(['container-id', 'globals', 'tmp']);
    const move = state.changes.find((c: any) => c.transform === 'globals');
    expect(move).toMatchObject({ line: 2, column: 7 });
    expect(move.message).toContain('seen');
    expect(state.diff).toMatch(/^--- a\/src\/state\.js\n\+\+\+ b\/src\/state\.js\n@@ /);

    const cache = byPath['src/cache.js'];
    expect(cache.review).toEqual([expect.objectContaining({ transform: 'globals', kind: expect.any(String), line: 1, column: 5, message: expect.stringContaining('config') })]);

    const broken = byPath['src/broken.js'];
    expect(broken).toMatchObject({ changed: false, changes: [], diff: null, error: { line: 2 } });
    expect(broken.error.message.length).toBeGreaterThan(0);

    expect(report.summary).toEqual({
      filesScanned: 5,
      handlerModules: 3,
      filesChanged: 3,
      changesByTransform: Object.fromEntries(TRANSFORM_ORDER.map((name) => [name, result.summary.changesByTransform[name] ?? 0])),
      reviewItems: result.summary.reviewItems,
      errors: 1,
      skipped: 0,
    });
  });

  it('lists changes and review items in line order, and every transform that ran in the counts', async () => {
    const { dir, result } = await migrateReportProject();
    folders.push(dir);
    const report = toJsonReport({ ...result, transforms: ['globals', 'clients'] });
    expect(Object.keys(report.summary.changesByTransform)).toEqual(['globals', 'clients']);
    expect(report.summary.changesByTransform.clients).toBe(0);
    for (const file of report.files) {
      for (const list of [file.changes, file.review]) {
        const positions = list.map((f) => [f.line, f.column]);
        expect(positions).toEqual([...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      }
    }
  });

  it('rejects what the schema promises never to contain', () => {
    const valid = {
      version: 1,
      tool: { name: 'lambda-clean-slate', version: '1.0.0' },
      wrote: false,
      transforms: ['globals'],
      manifests: [],
      summary: { filesScanned: 1, handlerModules: 1, filesChanged: 0, changesByTransform: { globals: 0 }, reviewItems: 0, errors: 0, skipped: 0 },
      files: [{ path: 'a.js', handlers: ['handler'], changed: false, written: false, changes: [], review: [], error: null, diff: null }],
      skipped: [],
      notes: [],
    };
    expect(validate(valid)).toBe(true);
    expect(validate({ ...valid, skipped: [{ path: 'blob.js', reason: 'binary file', unprocessed: true }] })).toBe(true);
    const broken = [
      { ...valid, version: 2 },
      { ...valid, transforms: ['frobnicate'] },
      { ...valid, files: [{ ...valid.files[0], changes: [{ transform: 'globals', kind: 'move', line: 0, column: 1, message: 'm' }] }] },
      { ...valid, files: [{ ...valid.files[0], error: { message: 'x' } }] },
      { ...valid, skipped: [{ path: 'blob.js', reason: 'binary file' }] },
    ];
    for (const report of broken) expect(validate(report)).toBe(false);
  });

  it('tells a file the run could not process (exit 2) from one the user excluded', async () => {
    const os = require('node:os');
    const { migrate } = require('../../src/engine/migrate');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-json-skipped-'));
    folders.push(dir);
    fs.writeFileSync(path.join(dir, 'blob.js'), Buffer.from([0x65, 0x78, 0x00, 0x01, 0x02]));
    fs.writeFileSync(path.join(dir, 'off.js'), '// lambda-clean-slate-disable\nexports.handler = async (event) => 1;\n');
    const result = await migrate({ cwd: dir, paths: ['.'], workers: 0 });
    const report = JSON.parse(jsonFormat.render(result, { color: false }));
    expect(validate(report)).toBe(true);
    const byPath = Object.fromEntries(report.skipped.map((s: any) => [s.path, s.unprocessed]));
    expect(byPath).toEqual({ 'blob.js': true, 'off.js': false });
  });

  it("names exactly the engine's transforms in the schema", () => {
    expect(schema.definitions.transformName.enum).toEqual([...TRANSFORM_ORDER]);
  });
});
