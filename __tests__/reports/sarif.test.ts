// `--format sarif` validated against the SARIF 2.1.0 JSON schema as published with the
// SARIF SDK (shipped in @microsoft/jest-sarif), with ajv for draft-04 and its formats.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { TRANSFORM_ORDER } from '../../src/analysis/types';
import { sarifFormat } from '../../src/engine/formats/sarif';
import { migrate } from '../../src/engine/migrate';
import { git, project } from '../e2e/cli';
import { migrateReportProject, REPORT_PROJECT } from './reportProject';

const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// the schema's `language` pattern has a stray `]` that only a non-unicode RegExp accepts
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const folders: string[] = [];
afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function render(result: Parameters<typeof sarifFormat.render>[0]): any {
  const log = JSON.parse(sarifFormat.render(result, { color: false }));
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

describe('--format sarif', () => {
  it('is a valid SARIF 2.1.0 log with a rule per transform and a result per change or review item that asks something', async () => {
    const { dir, result } = await migrateReportProject();
    folders.push(dir);
    const log = render(result);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];

    const rules = run.tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual([...TRANSFORM_ORDER]);
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.help.markdown).toContain('lambda-clean-slate migrate --write');
    }
    expect(run.tool.driver.name).toBe('lambda-clean-slate');

    // (review items said for the record ask nothing: left out, see the test below)
    const expected = result.files.flatMap((f) => [...(f.error ? [] : f.changes), ...f.review.filter((r) => !r.informational)]);
    expect(run.results).toHaveLength(expected.length);
    expect(expected.length).toBeGreaterThan(5);
    for (const sarifResult of run.results) {
      expect(rules[sarifResult.ruleIndex].id).toBe(sarifResult.ruleId);
      expect(['warning', 'note']).toContain(sarifResult.level);
    }

    // a finding and its result: same file, line, column and message
    const state = result.files.find((f) => f.path === path.join('src', 'state.js'))!;
    const move = state.changes.find((c) => c.transform === 'globals')!;
    const moved = run.results.find((r: any) => r.ruleId === 'globals' && r.level === 'warning' && r.message.text.includes(move.message));
    expect(moved.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/state.js', uriBaseId: 'SRCROOT' },
      region: { startLine: move.line, startColumn: move.column },
    });
    // src/cache.js's lazy cache is kept on purpose: said in the other reports, not an alert
    const cache = result.files.find((f) => f.path === path.join('src', 'cache.js'))!;
    expect(cache.review.map((r) => [r.kind, r.informational])).toEqual([['lazy-cache', true]]);
    expect(run.results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/cache.js' && r.level === 'note')).toEqual([]);

    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${dir}/`);
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'error',
        locations: [{ physicalLocation: expect.objectContaining({ artifactLocation: { uri: 'src/broken.js', uriBaseId: 'SRCROOT' }, region: expect.objectContaining({ startLine: 2 }) }) }],
      }),
    ]);
  });

  it('percent-encodes file names and keeps URIs relative to the repository root, not the working directory', async () => {
    const { dir, result } = await migrateReportProject({ cwd: 'tools/ci' });
    folders.push(dir);
    const log = render(result);
    const uris = new Set(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(['src/cache.js', 'src/odd%20%60name%60%20%26%20%3Cb%3E%20%231.js', 'src/state.js']);
    expect(log.runs[0].originalUriBaseIds.SRCROOT.uri).toBe(`file://${dir}/`);
  });

  it('uses the working directory as the root outside a git repository, and a clean run has no results', async () => {
    const dir = project({ 'src/ok.js': "exports.add = (a, b) => a + b;\n" });
    folders.push(dir);
    const log = render(await migrate({ cwd: dir, paths: ['src'] }));
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
    expect(log.runs[0].originalUriBaseIds.SRCROOT.uri).toBe(`file://${dir}/`);
  });

  it('has one rule per selected transform, and results only for those', async () => {
    const dir = project(REPORT_PROJECT);
    folders.push(dir);
    git(dir, 'init', '-q');
    const log = render(await migrate({ cwd: dir, paths: ['src'], transforms: ['tmp'] }));
    expect(log.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(['tmp']);
    expect(log.runs[0].results.map((r: any) => r.ruleId)).toEqual(['tmp']);
    expect(log.runs[0].results[0].ruleIndex).toBe(0);
  });

  it('the validator rejects a log that breaks the schema', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
    // formats are checked too: a base URI must be a URI
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, originalUriBaseIds: { SRCROOT: { uri: 'not a uri' } } }] })).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, originalUriBaseIds: { SRCROOT: { uri: 'file:///repo/' } } }] })).toBe(true);
  });
});

describe('review items said for the record', () => {
  it('are left out: an AWS SDK client reused as it is, a lazy cache, an ignored binding; a review item that asks something stays', async () => {
    const dir = project({
      'src/api.js': [
        "const { S3Client } = require('@aws-sdk/client-s3');",
        "const Thing = require('some-sdk');",
        'const s3 = new S3Client({});',
        'const thing = new Thing();',
        'let config;',
        '// lambda-clean-slate-ignore',
        'const audit = [];',
        '',
        'exports.handler = async (event) => {',
        '  if (!config) config = { region: process.env.AWS_REGION };',
        '  audit.push(event.id);',
        '  return thing.get(s3, config, audit.length);',
        '};',
        '',
      ].join('\n'),
    });
    folders.push(dir);
    git(dir, 'init', '-q');
    const result = await migrate({ cwd: dir, transforms: ['globals', 'clients'] });
    const file = result.files[0];
    const said = file.review.filter((r) => r.informational).map((r) => r.kind).sort();
    expect(said).toEqual(['ignored', 'lazy-cache', 'reused']);
    const asked = file.review.filter((r) => !r.informational);
    expect(asked.map((r) => r.kind)).toEqual(['unknown-client']);
    const notes = render(result).runs[0].results.filter((r: any) => r.level === 'note');
    expect(notes.map((r: any) => r.properties.kind)).toEqual(['unknown-client']);
    expect(notes[0].message.text).toMatch(/^For review: `thing` is created from 'some-sdk'/);
  });
});

describe('paths the run could not read', () => {
  it('are error notifications, and the run did not succeed', async () => {
    const dir = project({ 'src/ok.js': "exports.add = (a, b) => a + b;\n", 'src/blob.js': 'exports.x = 1;\u0000\n' });
    folders.push(dir);
    const log = render(await migrate({ cwd: dir, paths: ['src'] }));
    const run = log.runs[0];
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: expect.stringMatching(/^src\/blob\.js: binary file .*\(not processed\)$/) }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/blob.js', uriBaseId: 'SRCROOT' } } }] },
    ]);
  });
});
