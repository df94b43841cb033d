// Property tests over handler modules generated from the spec's patterns (see
// handlerGrammar.ts). For each module, migrated with all four transforms:
//   - the output parses (checked with @babel/parser directly);
//   - a second run changes nothing;
//   - running it shows the spec's property: output cold == input cold, output warm ==
//     input cold, and the input leaks exactly when the grammar says it does.
// A fixed seed keeps runs repeatable; fast-check prints the seed and the shrunk module on
// failure (pass it back as FC_SEED to replay).
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { TRANSFORM_ORDER } from '../../src/analysis/types';
import { selectTransforms } from '../../src/engine/selectTransforms';
import { checkMigrationBehaviour } from '../../src/simulate';
import { generateModule, moduleSpecs } from './handlerGrammar';
import { parseSource } from './parseCheck';

const SEED = Number(process.env.FC_SEED ?? 20251127);
const NUM_RUNS = 30;
const EVENTS = [
  { id: 'a', user: 'ann' },
  { id: 'b', user: 'bob' },
  { id: 'a', user: 'cid' },
];
const MODULES = { ioredis: path.join(__dirname, '..', 'doubles', 'ioredis.js') };

const transforms = selectTransforms([...TRANSFORM_ORDER]);
let workDir: string;
beforeAll(() => {
  workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-reliability-properties-')));
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe('generated handler modules', () => {
  it('migrate to code that parses, is stable under a second run, and runs warm like cold', async () => {
    let caseNumber = 0;
    await fc.assert(
      fc.asyncProperty(moduleSpecs, async (spec) => {
        const n = caseNumber++;
        // a /tmp file of this case alone, so that parallel test files never share one
        const tmpPath = `/tmp/lcs-reliability-properties-${process.pid}-${n}.log`;
        const module = generateModule(spec, tmpPath);
        const input = path.join(workDir, `case-${n}.input${module.extension}`);
        const output = path.join(workDir, `case-${n}.output${module.extension}`);

        const first = applyTransforms(module.source, input, { transforms });
        expect(first.error).toBeUndefined();
        expect(first.handlers).toEqual(['handler']);
        // container-id alone changes every handler module
        expect(first.output).not.toBeNull();
        const migrated = first.output!;
        expect(() => parseSource(output, migrated)).not.toThrow();

        const second = applyTransforms(migrated, output, { transforms });
        expect(second.error).toBeUndefined();
        expect(second.output).toBeNull();

        fs.writeFileSync(input, module.source);
        fs.writeFileSync(output, migrated);
        try {
          const report = await checkMigrationBehaviour({ input, output, events: EVENTS, leaks: module.leaks, modules: MODULES });
          expect(report.failures).toEqual([]);
        } finally {
          fs.rmSync(tmpPath, { force: true });
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
    );
  }, 600_000);
});
