// A small service whose migration produces every kind of report entry: changes from
// several transforms, review items, a file that cannot be parsed, and file names and code
// that try to break out of Markdown and URIs (spaces, backticks, `<`, `&`, a ``` string).
import fs from 'node:fs';
import { migrate } from '../../src/engine/migrate';
import type { MigrateResult } from '../../src/engine/results';
import { git, project } from '../e2e/cli';

export const REPORT_PROJECT: Record<string, string> = {
  'src/state.js': [
    "const fs = require('fs');",
    'const seen = new Set();',
    '',
    'exports.handler = async (event) => {',
    '  seen.add(event.id);',
    "  fs.writeFileSync('/tmp/last.json', JSON.stringify(event));",
    '  return seen.size;',
    '};',
    '',
  ].join('\n'),
  'src/cache.js': [
    'let config;',
    '',
    'async function loadConfig() {',
    '  return { region: process.env.AWS_REGION };',
    '}',
    '',
    'exports.handler = async (event) => {',
    '  if (!config) config = await loadConfig();',
    '  return config.region;',
    '};',
    '',
  ].join('\n'),
  'src/broken.js': 'exports.handler = async (event) => {\n  return {;\n};\n',
  'src/odd `name` & <b> #1.js': [
    "const FENCE = '```';",
    'const lines = [];',
    '',
    'exports.handler = async (event) => {',
    '  lines.push(`${FENCE}md ${event.text}`);',
    "  return lines.join('\\n');",
    '};',
    '',
  ].join('\n'),
  'src/util.js': 'exports.add = (a, b) => a + b;\n',
};

/** The project in a fresh git repository, migrated (dry run) from its `src` folder's
 * parent, or from `cwd` inside it. */
export async function migrateReportProject(options: { cwd?: string; files?: Record<string, string> } = {}): Promise<{ dir: string; result: MigrateResult }> {
  const dir = project(options.files ?? REPORT_PROJECT);
  git(dir, 'init', '-q');
  const cwd = options.cwd ? `${dir}/${options.cwd}` : dir;
  fs.mkdirSync(cwd, { recursive: true });
  const result = await migrate({ cwd, paths: [`${dir}/src`] });
  return { dir, result };
}
