// A Powertools Logger older than 2.8 has no `appendPersistentKeys`: a migrated module that
// called it would throw as it loads, on every cold start. The method is chosen from the
// Logger the project has installed (or, without node_modules, the range its package.json
// allows), and the migrated handler is run against a Logger of that version.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/container-id';

const DOUBLE = path.join(__dirname, '..', 'doubles', 'powertools-logger.js');

const SOURCE = `const { Logger } = require('@aws-lambda-powertools/logger');

const logger = new Logger({ serviceName: 'orders' });

exports.handler = async (event) => {
  logger.info('order', { id: event.id });
  return { id: event.id };
};
`;

/** A project whose installed Logger is `version`: the double, without `appendPersistentKeys`
 * before 2.8 and with `addPersistentLogAttributes` (1.x to 2.x). */
function project(options: { installed?: string; range?: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-powertools-'));
  if (options.range) fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { '@aws-lambda-powertools/logger': options.range } }));
  if (options.installed) {
    const pkg = path.join(dir, 'node_modules', '@aws-lambda-powertools', 'logger');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@aws-lambda-powertools/logger', version: options.installed, main: 'index.js' }));
    const [major, minor] = options.installed.split('.').map(Number);
    const modern = major > 2 || (major === 2 && minor >= 8);
    fs.writeFileSync(
      path.join(pkg, 'index.js'),
      `const { Logger } = require(${JSON.stringify(DOUBLE)});
class Versioned extends Logger {
  addPersistentLogAttributes(attributes) { Object.assign(this.persistentKeys, attributes); }
}
${modern ? '' : 'Versioned.prototype.appendPersistentKeys = undefined;'}
module.exports = { Logger: Versioned };
`,
    );
  }
  fs.mkdirSync(path.join(dir, 'src'));
  return dir;
}

function migrate(dir: string): string {
  const file = path.join(dir, 'src', 'handler.js');
  fs.writeFileSync(file, SOURCE);
  const result = applyTransforms(SOURCE, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  fs.writeFileSync(file, result.output!);
  return result.output!;
}

/** Loads the migrated module in a fresh process and invokes its handler twice. */
function run(dir: string): any[] {
  const script = `const { handler } = require('./src/handler.js');
(async () => { await handler({ id: 1 }, { awsRequestId: 'r1' }); await handler({ id: 2 }, { awsRequestId: 'r2' }); })();`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

describe('container-id with a Powertools Logger of a given version', () => {
  it.each([
    ['1.18.1 installed', { installed: '1.18.1' }, 'addPersistentLogAttributes'],
    ['2.7.0 installed', { installed: '2.7.0' }, 'addPersistentLogAttributes'],
    ['2.8.0 installed', { installed: '2.8.0' }, 'appendPersistentKeys'],
    ['2.28.1 installed, whatever package.json says', { installed: '2.28.1', range: '^1.0.0' }, 'appendPersistentKeys'],
  ])('Logger %s: the migrated handler runs and logs the container id', (_label, options, method) => {
    const dir = project(options);
    expect(migrate(dir)).toContain(`logger.${method}({ containerId });`);
    const lines = run(dir).filter((line) => line.message === 'invocation');
    expect(lines.map((line) => [line.invocation, line.coldStart, line.requestId])).toEqual([
      [1, true, 'r1'],
      [2, false, 'r2'],
    ]);
    expect(new Set(lines.map((line) => line.containerId)).size).toBe(1);
  });

  it.each([
    ['^1.18.0', 'addPersistentLogAttributes'],
    ['~2.3.1', 'addPersistentLogAttributes'],
    ['^2.10.0', 'appendPersistentKeys'],
  ])('without node_modules, reads the range %s of package.json: %s', (range, method) => {
    expect(migrate(project({ range }))).toContain(`logger.${method}({ containerId });`);
  });

  it('recognises its own older call on a second run', () => {
    const dir = project({ installed: '1.18.1' });
    const once = migrate(dir);
    const file = path.join(dir, 'src', 'handler.js');
    expect(applyTransforms(once, file, { transforms: [transform] }).output).toBeNull();
  });
});
