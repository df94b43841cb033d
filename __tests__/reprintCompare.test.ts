// The faster comparison recast runs before it reprints a changed tree
// (src/analysis/reprintCompare.ts) must decide exactly as recast's own: every fixture input,
// migrated by all transforms (with its options), prints the same text both ways, and so does
// a second run over the expected output.
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../src/analysis/applyTransforms';
import { parserFor } from '../src/analysis/parser';
import { withRecastComparison } from '../src/analysis/reprintCompare';
import { loadTransform } from '../transforms';

const ROOT = path.join(__dirname, '..', '__testfixtures__');
const INPUT = /^(.+)\.(input|output)\.(js|jsx|mjs|cjs|ts|mts|cts|tsx)$/;
const transforms = (['globals', 'tmp', 'clients', 'container-id'] as const).map((name) => loadTransform(name));

function cases(): [string, string, Record<string, any>][] {
  const out: [string, string, Record<string, any>][] = [];
  for (const group of fs.readdirSync(ROOT).sort()) {
    const dir = path.join(ROOT, group);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      const m = INPUT.exec(file);
      if (!m || !parserFor(file)) continue;
      const optionsFile = path.join(dir, `${m[1]}.options.json`);
      const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
      out.push([`${group}/${file}`, path.join(dir, file), options]);
    }
  }
  return out;
}

const all = cases();

it('covers the fixtures', () => {
  expect(all.length).toBeGreaterThan(400);
});

it.each(all)('%s prints the same with either comparison', (_label, file, options) => {
  const source = fs.readFileSync(file, 'utf8');
  const migrate = () =>
    applyTransforms(source, file, {
      transforms,
      handlerNames: options.handler,
      options: { cacheTtl: options.cacheTtl, clientCheck: options.clientCheck },
    });
  const ours = migrate();
  const recast = withRecastComparison(migrate);
  expect(ours.output).toBe(recast.output);
  expect(ours.error).toEqual(recast.error);
});
