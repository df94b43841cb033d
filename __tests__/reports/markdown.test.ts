// `--format markdown`: a pull-request comment. Checked as a reviewer reads it (verdict,
// tables, one collapsible diff per file) and as GitHub parses it (fences that code cannot
// close, escaped paths, balanced <details>), and kept under GitHub's 65,536-character limit.
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../src/analysis/types';
import { MARKDOWN_LIMIT, markdownFormat, renderMarkdown } from '../../src/engine/formats/markdown';
import { unifiedHunks } from '../../src/engine/formats/unifiedDiff';
import { migrate } from '../../src/engine/migrate';
import type { FileResult, MigrateResult } from '../../src/engine/results';
import { project } from '../e2e/cli';
import { migrateReportProject } from './reportProject';

const GITHUB_COMMENT_LIMIT = 65_536;
const folders: string[] = [];
afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The code blocks and <details> of a Markdown text, as GitHub would see them: a fence
 * closes only with a run of backticks at least as long as the one that opened it. */
function structure(markdown: string): { blocks: { info: string; body: string }[]; details: number } {
  const blocks: { info: string; body: string }[] = [];
  let open: { fence: string; info: string; body: string[] } | null = null;
  let details = 0;
  for (const line of markdown.split('\n')) {
    if (open) {
      if (new RegExp(`^${open.fence}\`*\\s*$`).test(line)) {
        blocks.push({ info: open.info, body: open.body.join('\n') });
        open = null;
      } else open.body.push(line);
      continue;
    }
    const fence = /^(`{3,})([^`]*)$/.exec(line);
    if (fence) open = { fence: fence[1], info: fence[2], body: [] };
    else if (line === '<details>') details++;
    else if (line === '</details>') details--;
  }
  expect(open).toBeNull();
  expect(details).toBe(0);
  return { blocks, details: (markdown.match(/^<details>$/gm) ?? []).length };
}

const crlfless = (text: string) => text.replace(/\r(?=\n|$)/g, '');

describe('--format markdown', () => {
  it('gives the verdict, the summary tables, review items and errors, then one collapsible diff per changed file', async () => {
    const { dir, result } = await migrateReportProject();
    folders.push(dir);
    const markdown = markdownFormat.render(result, { color: false });

    expect(markdown.split('\n')[0]).toBe('## ❌ lambda-clean-slate: 1 file could not be processed');
    expect(markdown).toContain('| Files that would change | 3 |');
    expect(markdown).toContain('| Transform | Changes | For review |');
    for (const name of result.transforms) expect(markdown).toMatch(new RegExp(`^\\| \`${name}\` \\| \\d+ \\| \\d+ \\|$`, 'm'));
    expect(markdown).toMatch(/^### Errors \(files left unchanged\)\n\n- `src\/broken\.js:2:\d+` /m);
    // the message's own `code spans` are kept
    expect(markdown).toMatch(/^- `src\/cache\.js:1:5` \*\*globals\*\*: `config` /m);

    const changed = result.files.filter((f) => f.changed && !f.error);
    const { blocks, details } = structure(markdown);
    expect(details).toBe(changed.length);
    expect(blocks.map((b) => b.info)).toEqual(changed.map(() => 'diff'));
    blocks.forEach((block, i) => expect(`${block.body}\n`).toBe(crlfless(unifiedHunks(changed[i].before!, changed[i].after!))));
  });

  it('fences code that contains backticks so that it cannot close the block, and escapes file names', async () => {
    const { dir, result } = await migrateReportProject();
    folders.push(dir);
    const markdown = renderMarkdown(result);
    const odd = result.files.find((f) => f.path.startsWith(path.join('src', 'odd')))!;
    expect(odd.after).toContain("'```'");
    expect(markdown).toContain('<summary><code>src/odd `name` &amp; &lt;b&gt; #1.js</code>: ');
    expect(markdown).toContain('````diff\n');
    const { blocks } = structure(markdown);
    expect(blocks.some((b) => b.body.includes("const FENCE = '```';"))).toBe(true);
  });

  it('says when there is nothing to change, and what was written with --write', async () => {
    const dir = project({ 'src/add.js': 'exports.add = (a, b) => a + b;\n', 'src/h.js': 'exports.handler = async (event) => event.id;\n' });
    folders.push(dir);
    const clean = await migrate({ cwd: dir, paths: ['src'], transforms: ['globals'] });
    const markdown = renderMarkdown(clean);
    expect(markdown.split('\n')[0]).toBe('## ✅ lambda-clean-slate: nothing to change');
    expect(markdown).not.toContain('<details>');
    expect(markdown).not.toContain('[!NOTE]');

    const written = await migrate({ cwd: dir, paths: ['src'], write: true });
    expect(renderMarkdown(written).split('\n')[0]).toBe('## ✅ lambda-clean-slate: changed 1 file');
    expect(renderMarkdown(written)).toContain('| Files changed | 1 |');
  });

  it('stays well under GitHub’s comment limit on a huge real run, and says what it left out', async () => {
    // 40 files whose diffs have a hunk for each of a dozen moved declarations: ~90k characters of diff
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const declarations = Array.from({ length: 12 }, (_, k) => [`const list${k} = [];`, ...Array.from({ length: 8 }, (_, n) => `const LIMIT_${k}_${n} = ${n};`)].join('\n'));
      const uses = Array.from({ length: 12 }, (_, k) => `  list${k}.push(event.id);`).join('\n');
      files[`src/h${String(i).padStart(2, '0')}.js`] = `${declarations.join('\n')}\nexports.handler = async (event) => {\n${uses}\n  return list0.length;\n};\n`;
    }
    const dir = project(files);
    folders.push(dir);
    const result = await migrate({ cwd: dir, paths: ['src'] });
    expect(result.summary.filesChanged).toBe(40);
    const markdown = renderMarkdown(result);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown.length).toBeGreaterThan(MARKDOWN_LIMIT - 5_000);
    expect(MARKDOWN_LIMIT).toBeLessThan(GITHUB_COMMENT_LIMIT - 5_000);
    const { details } = structure(markdown);
    expect(details).toBeGreaterThan(5);
    expect(details).toBeLessThan(40);
    expect(markdown).toMatch(/> \[!NOTE\]\n> This report was cut to stay under GitHub's comment size limit\. Not shown: .*the diffs of \d+ more changed files/);
    // the summary still counts everything
    expect(markdown).toContain('| Files that would change | 40 |');
  });

  it('cuts one enormous diff at a line, and caps thousands of review items', () => {
    // every line changes: ~260k characters of diff (the diff library's cost grows with the square of that)
    const before = Array.from({ length: 1_200 }, (_, i) => `let value${i} = 'a line long enough to fill the budget of a pull-request comment after a few hundred lines';`).join('\n') + '\n';
    const after = before.replace(/let /g, 'const ');
    const review: Finding[] = Array.from({ length: 5_000 }, (_, i) => ({ transform: 'globals', kind: 'lazy-cache', line: i + 1, column: 5, message: `\`cache${i}\` is a lazy cache, kept across invocations on purpose` }));
    const file: FileResult = { path: 'src/big.js', absolutePath: '/repo/src/big.js', handlers: ['handler'], changed: true, before, after, changes: [{ transform: 'globals', kind: 'move', line: 1, column: 1, message: 'm' }], review };
    const result: MigrateResult = {
      cwd: '/repo', gitRoot: null, transforms: ['globals'], manifests: [], files: [file], skipped: [], notes: [], wrote: false,
      summary: { filesScanned: 1, handlerModules: 1, filesChanged: 1, changesByTransform: { globals: 1 }, reviewItems: 5_000, errors: 0, skipped: 0 },
    };
    const markdown = renderMarkdown(result);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    const { blocks, details } = structure(markdown);
    expect(details).toBe(1);
    expect(blocks[0].body.split('\n').every((line) => /^(@@ .* @@|[-+ ].*)$/.test(line))).toBe(true);
    expect(markdown).toMatch(/_\d+ more lines of this diff not shown\._/);
    expect(markdown).toMatch(/^- … and \d+ more \(the `--format json` and `--format sarif` reports list them all\)$/m);
    expect(markdown).toMatch(/Not shown: \d+ of 5000 items for review; the end of one file's diff/);
  });
});

describe('paths the run could not read', () => {
  it('make the verdict a failure and are listed with the errors', async () => {
    const dir = project({ 'src/ok.js': "exports.add = (a, b) => a + b;\n", 'src/blob.js': 'exports.x = 1;\u0000\n' });
    folders.push(dir);
    const markdown = renderMarkdown(await migrate({ cwd: dir, paths: ['src'] }));
    expect(markdown.split('\n')[0]).toBe('## ❌ lambda-clean-slate: 1 file could not be processed');
    expect(markdown).toMatch(/^### Errors \(files left unchanged\)\n\n- `src\/blob\.js` binary file/m);
    expect(markdown).toContain('| Paths not processed | 1 |');
  });
});

describe('paths in the Markdown report', () => {
  it('are relative to the repository root, wherever the run started (as in SARIF)', async () => {
    const { dir, result } = await migrateReportProject({ cwd: 'tools/ci' });
    folders.push(dir);
    const markdown = renderMarkdown(result);
    expect(markdown).toMatch(/^- `src\/broken\.js:2:\d+` /m);
    expect(markdown).toMatch(/^- `src\/cache\.js:1:5` \*\*globals\*\*/m);
    expect(markdown).not.toContain('../');
  });
});
