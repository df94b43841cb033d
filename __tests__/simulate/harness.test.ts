// The behaviour check must fail when the property is broken, or it proves nothing.
import path from 'node:path';
import { checkMigrationBehaviour } from '../../src/simulate';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

describe('checkMigrationBehaviour', () => {
  it('reports an output that still leaks, with the event index and both values', async () => {
    const report = await checkMigrationBehaviour({
      input: fixture('harness-broken/still-leaks.input.js'),
      output: fixture('harness-broken/still-leaks.output.js'),
      events: [{ user: 'a' }, { user: 'b' }],
      leaks: true,
    });
    expect(report.failures).toEqual([
      `events[1]: the output's warm invocation differs from the input's cold start: output warm {"count":2,"user":"b"}, input cold {"count":1,"user":"b"}`,
    ]);
  });

  it('reports an output whose cold start behaves differently', async () => {
    const report = await checkMigrationBehaviour({
      input: fixture('harness-broken/cold-changed.input.js'),
      output: fixture('harness-broken/cold-changed.output.js'),
      events: [{ amount: 2 }],
    });
    expect(report.failures).toEqual([
      `events[0]: the output's cold start differs from the input's: output {"total":4}, input {"total":2}`,
      `events[0]: the output's warm invocation differs from the input's cold start: output warm {"total":4}, input cold {"total":2}`,
    ]);
  });

  it('reports a case that claims a leak its events do not show', async () => {
    const report = await checkMigrationBehaviour({
      input: fixture('harness/counter.input.js'),
      output: fixture('harness/counter.output.js'),
      events: [{ user: 'only one' }],
      leaks: true,
    });
    expect(report.failures).toEqual(['counter.input.js was expected to leak, but its warm results equal its cold ones for every event: add events that show the leak']);
  });

  it('reports a case that claims no leak when the input leaks', async () => {
    const report = await checkMigrationBehaviour({
      input: fixture('harness/counter.input.js'),
      output: fixture('harness/counter.output.js'),
      events: [{}, {}],
      leaks: false,
    });
    expect(report.failures).toEqual(['counter.input.js was expected not to leak, but events[1] differs: warm {"count":2}, cold {"count":1}']);
  });

  it('reports an output that cannot be run', async () => {
    const report = await checkMigrationBehaviour({
      input: fixture('harness/counter.input.js'),
      output: fixture('syntax-error.js'),
      events: [{}],
    });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatch(/^syntax-error\.js cannot be run: cannot load .*syntax-error\.js: SyntaxError/);
  });
});
