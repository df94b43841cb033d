// Walks __testfixtures__/<transform>/<case>.input.<ext> / <case>.output.<ext> pairs.
// Each case runs through the transform's jscodeshift entry point (as `jscodeshift -t`
// would) and through the engine's one-parse pipeline; both must give the output file, and
// a second run over the output must change nothing. `<case>.options.json` may hold
// { "handler": [...], "cacheTtl": N, "clientCheck": "ping" }.
import fs from 'node:fs';
import path from 'node:path';
import { applyTransform } from 'jscodeshift/src/testUtils';
import { applyTransforms } from '../src/analysis/applyTransforms';
import { isTransformName, loadTransform } from '../transforms';

const FIXTURES = path.join(__dirname, '..', '__testfixtures__');
const INPUT = /^(.+)\.input\.(js|jsx|mjs|cjs|ts|mts|cts|tsx)$/;

interface Case {
  transform: string;
  name: string;
  inputPath: string;
  outputPath: string;
  options: Record<string, any>;
}

function cases(): Case[] {
  const out: Case[] = [];
  if (!fs.existsSync(FIXTURES)) return out;
  for (const transform of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, transform);
    if (!isTransformName(transform) || !fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      const m = INPUT.exec(file);
      if (!m) continue;
      const optionsPath = path.join(dir, `${m[1]}.options.json`);
      out.push({
        transform,
        name: m[1],
        inputPath: path.join(dir, file),
        outputPath: path.join(dir, `${m[1]}.output.${m[2]}`),
        options: fs.existsSync(optionsPath) ? JSON.parse(fs.readFileSync(optionsPath, 'utf8')) : {},
      });
    }
  }
  return out;
}

const all = cases();

describe.each(all.length ? all.map((c) => [`${c.transform}/${c.name}`, c] as const) : [['(no fixtures)', null] as const])('%s', (_label, c) => {
  if (!c) {
    it.skip('no fixtures yet', () => undefined);
    return;
  }
  // Read lazily: a case whose output file is missing fails its own tests, not the whole suite.
  const read = (file: string) => {
    if (!fs.existsSync(file)) throw new Error(`missing fixture file ${path.relative(FIXTURES, file)}`);
    return fs.readFileSync(file, 'utf8');
  };
  let input = '';
  let expected = '';
  beforeAll(() => {
    input = read(c.inputPath);
    expected = read(c.outputPath);
  });
  const relative = path.relative(path.join(__dirname, '..'), c.inputPath);
  const apply = (source: string) =>
    applyTransforms(source, relative, {
      transforms: [loadTransform(c.transform as any)],
      handlerNames: c.options.handler,
      options: { cacheTtl: c.options.cacheTtl, clientCheck: c.options.clientCheck },
    });

  it('the engine pipeline gives the expected output', () => {
    const result = apply(input);
    expect(result.error).toBeUndefined();
    expect(result.output ?? input).toBe(expected);
  });

  it('the jscodeshift entry point gives the same output', () => {
    const module = require(path.join('..', 'transforms', c.transform));
    const out = applyTransform(module, c.options, { path: relative, source: input });
    // testUtils trims, and gives '' when the transform skips a file that holds no handler
    const skipped = apply(input).handlers.length === 0;
    expect(out).toBe(skipped ? '' : expected.trim());
  });

  it('a second run changes nothing', () => {
    const again = apply(expected);
    expect(again.error).toBeUndefined();
    expect(again.output).toBeNull();
    expect(again.changes).toEqual([]);
  });
});
