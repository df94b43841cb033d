// The security bar of the `tmp` transform: generated code removes nothing but static paths
// strictly below /tmp/ that the handler itself writes. Proved three ways: random handlers
// run against a recording `fs` with hostile events, fixed cases for each kind of path the
// transform must leave alone, and a real symbolic link on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import fc from 'fast-check';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/tmp';

function migrate(source: string, file = 'handler.js'): string {
  const result = applyTransforms(source, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  return result.output ?? source;
}

interface Recorded {
  removed: string[];
  written: string[];
}

/** Runs a CommonJS handler module with an `fs` that records instead of touching the disk. */
function runRecorded(source: string, event: unknown): Recorded {
  const recorded: Recorded = { removed: [], written: [] };
  const write = (p: unknown) => recorded.written.push(String(p));
  const remove = (p: unknown) => recorded.removed.push(String(p));
  const fake: any = {
    writeFileSync: write,
    appendFileSync: write,
    mkdirSync: write,
    rmSync: remove,
    existsSync: () => false,
    readFileSync: () => '',
  };
  fake.promises = { writeFile: async (p: unknown) => write(p), rm: async (p: unknown) => remove(p), mkdir: async (p: unknown) => write(p) };
  const modules: Record<string, unknown> = { fs: fake, 'node:fs': fake, path, 'node:path': path, os: { tmpdir: () => '/tmp' }, 'node:os': { tmpdir: () => '/tmp' } };
  const module = { exports: {} as any };
  vm.runInNewContext(source, { module, exports: module.exports, require: (name: string) => modules[name] });
  module.exports.handler(event);
  return recorded;
}

/** Below /tmp/ and never /tmp itself, with no `..` anywhere in the text. */
function isStrictlyBelowTmp(p: string): boolean {
  const normal = path.posix.normalize(p).replace(/\/+$/, '');
  return normal.startsWith('/tmp/') && !p.split('/').includes('..');
}

const normal = (p: string) => path.posix.normalize(p).replace(/\/+$/, '');

const segment = fc.constantFrom('work', 'out', 'a.txt', 'log', '..', '.', 'link', 'etc');
const staticTail = fc.array(segment, { minLength: 0, maxLength: 3 }).map((s) => s.join('/'));
const pathExpression = fc.oneof(
  staticTail.map((t) => `'/tmp/${t}'`),
  staticTail.map((t) => `path.join(os.tmpdir(), '${t}')`),
  staticTail.map((t) => `\`/tmp/${t}/\${event.name}\``),
  staticTail.map((t) => `path.join('/tmp', '${t}', event.name)`),
  fc.constant(`'/tmp/' + event.name`),
  fc.constant(`'/tmp'`),
  fc.constant(`os.tmpdir()`),
  fc.constant(`event.target`),
  staticTail.map((t) => `'/tmp/${t}/../../etc/passwd'`),
);
const operation = fc.record({
  call: fc.constantFrom('writeFileSync', 'appendFileSync', 'mkdirSync'),
  target: pathExpression,
  viaConstant: fc.boolean(),
});

function handlerSource(operations: Array<{ call: string; target: string; viaConstant: boolean }>): string {
  const constants: string[] = [];
  const body = operations.map((op, i) => {
    const uses = op.target.includes('event') ? op.target : op.viaConstant ? `P${i}` : op.target;
    if (uses !== op.target) constants.push(`const P${i} = ${op.target};`);
    const options = op.call === 'mkdirSync' ? ', { recursive: true }' : ", 'x'";
    return `  try { fs.${op.call}(${uses}${options}); } catch (e) {}`;
  });
  return ["const fs = require('fs');", "const os = require('os');", "const path = require('path');", ...constants, '', 'exports.handler = (event) => {', ...body, '};', ''].join('\n');
}

const HOSTILE_EVENTS = [
  { name: 'a', target: '/tmp/other' },
  { name: '../../etc/passwd', target: '/etc/passwd' },
  { name: '..', target: '/' },
  { name: '/etc', target: '/tmp' },
];

describe('generated cleanup removes only static paths below /tmp that the handler writes', () => {
  it('holds for random handlers run with hostile events', () => {
    let cleaned = 0;
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 4 }), (operations) => {
        const output = migrate(handlerSource(operations));
        const runs = HOSTILE_EVENTS.map((event) => runRecorded(output, event));
        const benign = runs[0];
        if (benign.removed.length > 0) cleaned++;
        for (const run of runs) {
          // the same paths whatever the event says
          expect(run.removed).toEqual(benign.removed);
          for (const removed of run.removed) {
            expect(isStrictlyBelowTmp(removed)).toBe(true);
            // what it removes, the handler writes there or below (with an ordinary event)
            expect(benign.written.map(normal).some((w) => w === normal(removed) || w.startsWith(`${normal(removed)}/`))).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
    // the property says something only when many of the handlers did get a cleanup
    expect(cleaned).toBeGreaterThan(30);
  });

  it.each([
    ['a dynamic name', "fs.writeFileSync(`/tmp/${event.name}`, 'x');"],
    ['a name from the event through a constant', "const file = '/tmp/' + event.file; fs.writeFileSync(file, 'x');"],
    ['a path with ..', "fs.writeFileSync('/tmp/work/../../etc/passwd', 'x');"],
    ['a join that climbs out', "fs.writeFileSync(path.join(os.tmpdir(), '..', 'etc', 'passwd'), 'x');"],
    ['/tmp itself', "fs.mkdirSync('/tmp', { recursive: true });"],
    ['os.tmpdir() itself', "fs.mkdirSync(os.tmpdir(), { recursive: true });"],
    ['a path the event gives', 'fs.writeFileSync(event.path, event.body);'],
    ['a variable that can change', "let out = '/tmp/out.txt'; if (event.x) out = event.x; fs.writeFileSync(out, 'x');"],
    ['a path only read', "fs.readFileSync('/tmp/shared/config.json', 'utf8');"],
  ])('leaves %s alone', (_label, statement) => {
    const source = `const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\n\nexports.handler = (event) => {\n  ${statement}\n};\n`;
    const result = applyTransforms(source, 'handler.js', { transforms: [transform] });
    expect(result.output).toBeNull();
    expect(result.changes).toEqual([]);
  });
});

describe('removing a symbolic link never touches what it points to', () => {
  let sandbox: string;
  beforeEach(() => {
    sandbox = fs.mkdtempSync('/tmp/lcs-tmp-symlink-');
  });
  afterEach(() => {
    fs.rmSync(sandbox, { recursive: true, force: true });
    fs.rmSync(`${sandbox}-report.json`, { force: true });
  });

  /** Migrates a handler that writes into `work` (a static path) and runs it once. */
  function migrateAndRun(writeStatement: string): void {
    const source = `const fs = require('fs');\n\nexports.handler = (event) => {\n  ${writeStatement}\n};\n`;
    const output = migrate(source);
    expect(output).not.toBe(source);
    const file = path.join(sandbox, 'handler.js');
    fs.writeFileSync(file, output);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file).handler({});
  }

  it('a link inside a directory removed recursively', () => {
    const work = path.join(sandbox, 'work');
    const target = path.join(sandbox, 'target');
    fs.mkdirSync(work);
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'precious');
    fs.symlinkSync(target, path.join(work, 'link'));

    migrateAndRun(`fs.writeFileSync('${work}/out.txt', 'x');`);

    expect(fs.existsSync(path.join(work, 'link'))).toBe(false);
    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('precious');
  });

  it('a directory path that is itself a link', () => {
    const work = path.join(sandbox, 'work');
    const target = path.join(sandbox, 'target');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep.txt'), 'precious');
    fs.symlinkSync(target, work);

    migrateAndRun(`fs.writeFileSync('${work}/out.txt', 'x');`);

    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('precious');
    expect(fs.lstatSync(work).isSymbolicLink()).toBe(false);
  });

  it('a file path that is a link to a file', () => {
    // directly in /tmp, so that only the file is removed, not the directory holding the target
    const link = `${sandbox}-report.json`;
    const target = path.join(sandbox, 'elsewhere.json');
    fs.writeFileSync(target, 'precious');
    fs.symlinkSync(target, link);

    migrateAndRun(`fs.appendFileSync('${link}', 'x');`);

    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(false);
  });
});
