// What a written file keeps, whatever transform changed it: CRLF line endings, a byte
// order mark, a shebang, the file mode and a missing final newline. Each transform alone,
// and all four together, over a file that each of them changes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TRANSFORM_ORDER } from '../../src/analysis/types';
import { migrate } from '../../src/engine/migrate';

/** A handler module that every transform has something to do in. */
const SOURCE = [
  "const fs = require('fs');",
  "const { Pool } = require('pg');",
  '',
  'const pool = new Pool();',
  'let count = 0;',
  '',
  '// the handler',
  'exports.handler = async (event) => {',
  '  count++;',
  "  fs.writeFileSync('/tmp/out.txt', String(count));",
  "  const { rows } = await pool.query('select 1');",
  '  return { count, rows };',
  '};',
  '',
].join('\n');

const BOM = '\uFEFF';
const SHEBANG = '#!/usr/bin/env node';

interface Variant {
  text: string;
  mode: number;
  check(written: string): void;
}

const VARIANTS: Record<string, Variant> = {
  crlf: {
    text: SOURCE.replace(/\n/g, '\r\n'),
    mode: 0o644,
    check: (out) => {
      expect(out).not.toMatch(/[^\r]\n/);
      expect(out.endsWith('\r\n')).toBe(true);
    },
  },
  bom: {
    text: BOM + SOURCE,
    mode: 0o644,
    check: (out) => {
      expect(out.startsWith(BOM)).toBe(true);
      expect(out.slice(1)).not.toContain(BOM);
    },
  },
  shebang: {
    text: `${SHEBANG}\n${SOURCE}`,
    mode: 0o755,
    check: (out) => expect(out.split('\n')[0]).toBe(SHEBANG),
  },
  mode: {
    text: SOURCE,
    mode: 0o640,
    check: () => undefined,
  },
  'no-final-newline': {
    text: SOURCE.replace(/\n+$/, ''),
    mode: 0o644,
    check: (out) => expect(out.endsWith('\n')).toBe(false),
  },
  'all-at-once': {
    text: `${BOM}${SHEBANG}\r\n${SOURCE.replace(/\n+$/, '').replace(/\n/g, '\r\n')}`,
    mode: 0o750,
    check: (out) => {
      expect(out.startsWith(`${BOM}${SHEBANG}\r\n`)).toBe(true);
      expect(out).not.toMatch(/[^\r]\n/);
      expect(out.endsWith('\n')).toBe(false);
    },
  },
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const SELECTIONS: [string, string[]][] = [...TRANSFORM_ORDER.map((t): [string, string[]] => [t, [t]]), ['all four transforms', [...TRANSFORM_ORDER]]];

describe.each(SELECTIONS)('%s', (_label, transforms) => {
  let dir: string;
  let written: Set<string>;

  beforeAll(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-reliability-preserve-')));
    dirs.push(dir);
    for (const [name, variant] of Object.entries(VARIANTS)) {
      const file = path.join(dir, `${name}.js`);
      fs.writeFileSync(file, variant.text);
      fs.chmodSync(file, variant.mode);
    }
    const result = await migrate({ cwd: dir, transforms, write: true, workers: 0 });
    expect(result.summary.errors).toBe(0);
    written = new Set(result.files.filter((f) => f.written).map((f) => f.path));
  });

  it.each(Object.keys(VARIANTS))('keeps %s', (name) => {
    const variant = VARIANTS[name];
    const file = path.join(dir, `${name}.js`);
    // a file the transform did not change would prove nothing
    expect(written.has(`${name}.js`)).toBe(true);
    const out = fs.readFileSync(file, 'utf8');
    expect(out).not.toBe(variant.text);
    variant.check(out);
    expect(fs.statSync(file).mode & 0o7777).toBe(variant.mode);
  });

  it('leaves no temporary file and changes nothing on a second run', async () => {
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(VARIANTS).map((n) => `${n}.js`).sort());
    const again = await migrate({ cwd: dir, transforms, write: true, workers: 0 });
    expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
  });
});
