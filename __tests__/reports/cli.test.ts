// The report formats from the built command line: every format with --check and --output,
// `list-transforms`, and the transform list at the end of `migrate --help`.
import fs from 'node:fs';
import path from 'node:path';
import { buildPackage, project, runCli } from '../e2e/cli';

let bin: string;
const folders: string[] = [];
beforeAll(() => {
  const build = buildPackage();
  bin = build.bin;
  folders.push(build.dir);
});
afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const HANDLER = "const seen = new Set();\nexports.handler = async (event) => {\n  seen.add(event.id);\n  return seen.size;\n};\n";
const TRANSFORMS = ['globals', 'tmp', 'clients', 'container-id'];

describe('report formats on the command line', () => {
  it.each(['diff', 'patch', 'json', 'markdown', 'sarif', 'summary'])('--format %s --check --output FILE: exit 1, the report in the file, nothing on stdout, no file touched', (format) => {
    const dir = project({ 'src/handler.js': HANDLER });
    folders.push(dir);
    const run = runCli(bin, ['migrate', 'src', '--check', '--format', format, '--output', 'report.out'], dir);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 1, stdout: '', stderr: '' });
    const report = fs.readFileSync(path.join(dir, 'report.out'), 'utf8');
    // the summary names counts only; every other format names the file
    expect(report).toContain(format === 'summary' ? 'files that would change:  1' : 'handler.js');
    if (format === 'json') expect(JSON.parse(report).summary.filesChanged).toBe(1);
    if (format === 'sarif') expect(JSON.parse(report).runs[0].results.length).toBeGreaterThan(0);
    if (format === 'markdown') expect(report).toMatch(/^## ⚠️ lambda-clean-slate: 1 file would change\n/);
    expect(fs.readFileSync(path.join(dir, 'src/handler.js'), 'utf8')).toBe(HANDLER);
  });

  it('--output without --format takes the format its extension names; --format still wins', () => {
    const dir = project({ 'src/handler.js': HANDLER });
    folders.push(dir);
    const cases: [string[], (report: string) => void][] = [
      [['-o', 'report.md'], (r) => expect(r).toMatch(/^## ⚠️ lambda-clean-slate: 1 file would change\n/)],
      [['-o', 'report.json'], (r) => expect(JSON.parse(r).summary.filesChanged).toBe(1)],
      [['-o', 'report.sarif'], (r) => expect(JSON.parse(r).version).toBe('2.1.0')],
      [['-o', 'results.sarif.json'], (r) => expect(JSON.parse(r).version).toBe('2.1.0')],
      [['-o', 'REPORT.MD'], (r) => expect(r).toMatch(/^## ⚠️ /)],
      [['-o', 'clean-slate.patch'], (r) => expect(r).toMatch(/^diff --git a\/src\/handler.js b\/src\/handler.js\n/)],
      [['-o', 'report.txt'], (r) => expect(r).toMatch(/^--- a\/src\/handler.js\n/)],
      [['-o', 'report.md', '--format', 'summary'], (r) => expect(r).toMatch(/^lambda-clean-slate migrate\n/)],
    ];
    for (const [args, check] of cases) {
      const run = runCli(bin, ['migrate', 'src', '--check', ...args], dir);
      expect({ args, status: run.status, stdout: run.stdout }).toEqual({ args, status: 1, stdout: '' });
      check(fs.readFileSync(path.join(dir, args[1]), 'utf8'));
    }
  });

  it.each(['json', 'markdown', 'sarif'])('--format %s --check on clean code: exit 0', (format) => {
    const dir = project({ 'src/add.js': 'exports.add = (a, b) => a + b;\n' });
    folders.push(dir);
    const run = runCli(bin, ['migrate', 'src', '--check', '--format', format], dir);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
  });

  it('list-transforms prints each transform with its one-line description, in the order they run', () => {
    const dir = project({});
    folders.push(dir);
    const run = runCli(bin, ['list-transforms'], dir);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(TRANSFORMS);
    for (const line of lines) expect(line).toMatch(/^[a-z-]+ +\S.{20,}$/);
  });

  it('migrate --help ends with the transforms and their descriptions; --help lists list-transforms', () => {
    const dir = project({});
    folders.push(dir);
    const help = runCli(bin, ['migrate', '--help'], dir);
    expect(help.status).toBe(0);
    const tail = help.stdout.slice(help.stdout.indexOf('Transforms (--transforms), in the order they run:'));
    for (const name of TRANSFORMS) expect(tail).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    for (const format of ['json', 'markdown', 'sarif']) expect(help.stdout).toContain(`"${format}"`);
    expect(runCli(bin, ['--help'], dir).stdout).toContain('lambda-clean-slate list-transforms');
  });
});
