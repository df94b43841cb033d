// The spec's one property, by running code: for every fixture case that carries
// `<case>.events.json` ({ "events": [...], "leaks": true|false, "handler"?: "name",
// "modules"?: { "pkg": "repo-relative path" }, "tmpFiles"?: { "/tmp/...": "contents" } }),
// the input and the expected output are run warm and cold (see src/simulate), and
//   output cold == input cold, output warm == input cold, input warm != input cold when `leaks`.
// The cases under __tests__/simulate/fixtures/harness check the harness itself.
import fs from 'node:fs';
import path from 'node:path';
import { checkMigrationBehaviour } from '../src/simulate';

const ROOT = path.join(__dirname, '..');
const FIXTURE_ROOTS = [path.join(ROOT, '__testfixtures__'), path.join(__dirname, 'simulate', 'fixtures')];
const INPUT = /^(.+)\.input\.(js|jsx|mjs|cjs|ts|mts|cts|tsx)$/;

interface EventsFile {
  events: unknown[];
  leaks?: boolean;
  handler?: string;
  modules?: Record<string, string>;
  /** Files below /tmp that another process (an extension) puts there before each environment. */
  tmpFiles?: Record<string, string>;
}

interface BehaviourFixture {
  label: string;
  input: string;
  output: string;
  spec: EventsFile;
  /** From `<case>.options.json` when events.json names no handler. */
  handler?: string;
}

function behaviourFixtures(): BehaviourFixture[] {
  const found: BehaviourFixture[] = [];
  for (const root of FIXTURE_ROOTS) {
    if (!fs.existsSync(root)) continue;
    for (const group of fs.readdirSync(root).sort()) {
      const dir = path.join(root, group);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir).sort()) {
        const m = INPUT.exec(file);
        const eventsPath = m && path.join(dir, `${m[1]}.events.json`);
        if (!m || !eventsPath || !fs.existsSync(eventsPath)) continue;
        const optionsPath = path.join(dir, `${m[1]}.options.json`);
        const options = fs.existsSync(optionsPath) ? JSON.parse(fs.readFileSync(optionsPath, 'utf8')) : {};
        found.push({
          label: path.relative(ROOT, path.join(dir, m[1])),
          input: path.join(dir, file),
          output: path.join(dir, `${m[1]}.output.${m[2]}`),
          spec: JSON.parse(fs.readFileSync(eventsPath, 'utf8')),
          handler: Array.isArray(options.handler) ? options.handler[0] : undefined,
        });
      }
    }
  }
  return found;
}

describe.each(behaviourFixtures().map((f) => [f.label, f] as const))('%s', (_label, fixture) => {
  it('runs warm like cold after migration, and cold as before', async () => {
    expect(Array.isArray(fixture.spec.events) && fixture.spec.events.length > 0).toBe(true);
    const modules = Object.fromEntries(Object.entries(fixture.spec.modules ?? {}).map(([name, file]) => [name, path.join(ROOT, file)]));
    const report = await checkMigrationBehaviour({
      input: fixture.input,
      output: fixture.output,
      events: fixture.spec.events,
      leaks: fixture.spec.leaks,
      handler: fixture.spec.handler ?? fixture.handler,
      modules,
      tmpFiles: fixture.spec.tmpFiles,
    });
    // the failures as one list, so that a broken case shows every event that differed
    expect(report.failures).toEqual([]);
  });
});
