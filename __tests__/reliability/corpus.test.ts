// Real code: `migrate --write` over a copy of corpus/ (Lambda handlers from npm packages,
// and our own files for what they lack). For every run: nothing crashes, every file the
// tool writes parses again and keeps every comment it had, and a second run changes
// nothing. Run with the default handler rule and with the names the CDK handlers use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/engine/migrate';
import type { MigrateResult } from '../../src/engine/results';
import { commentsOf, parseSource } from './parseCheck';

const CORPUS = path.join(__dirname, '..', '..', 'corpus');
const SOURCE = /\.(js|jsx|mjs|cjs|ts|mts|cts|tsx)$/;

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function copyOfCorpus(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-reliability-corpus-')));
  fs.cpSync(CORPUS, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => SOURCE.test(f)).sort();
}

function readAll(dir: string): Map<string, string> {
  return new Map(sourceFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

const CONFIGURATIONS: [string, string[] | undefined][] = [
  ['the default handler rule', undefined],
  ['the CDK handler names', ['handler', 'onEvent', 'isComplete', 'certificateRequestHandler', 'onEventHandler', 'isCompleteHandler']],
];

describe.each(CONFIGURATIONS)('migrate --write over the corpus, with %s', (_label, handlerNames) => {
  let dir: string;
  let before: Map<string, string>;
  let first: MigrateResult;

  beforeAll(async () => {
    dir = copyOfCorpus();
    before = readAll(dir);
    first = await migrate({ cwd: dir, write: true, handlerNames, workers: 0 });
  });

  it('processes every file without an error, and finds handlers in it', () => {
    expect(first.files.filter((f) => f.error).map((f) => `${f.path}: ${f.error!.message}`)).toEqual([]);
    expect(first.summary.filesScanned).toBe(before.size);
    // the corpus exists to be migrated: a run that finds nothing proves nothing
    expect(first.summary.handlerModules).toBeGreaterThanOrEqual(10);
    expect(first.files.filter((f) => f.written).length).toBeGreaterThanOrEqual(10);
  });

  it('writes only files that parse again and keep every comment they had', () => {
    const after = readAll(dir);
    const written = first.files.filter((f) => f.written).map((f) => f.path);
    for (const file of written) {
      expect(() => parseSource(file, after.get(file)!)).not.toThrow();
      const kept = commentsOf(file, after.get(file)!);
      const missing = commentsOf(file, before.get(file)!).filter((c) => !kept.includes(c));
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
    // and leaves every other file byte for byte as it was
    for (const [file, text] of after) {
      if (!written.includes(file)) expect({ file, same: text === before.get(file) }).toEqual({ file, same: true });
    }
  });

  it('changes nothing on a second run', async () => {
    const written = readAll(dir);
    const second = await migrate({ cwd: dir, write: true, handlerNames, workers: 0 });
    expect(second.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
    expect(second.summary.errors).toBe(0);
    expect(readAll(dir)).toEqual(written);
  });
});
