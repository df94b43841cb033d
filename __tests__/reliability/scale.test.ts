// Bundled code is long, and its handler reaches hundreds of module functions. Analysis
// that searches the whole tree once per reference turns that into minutes; this keeps the
// cost of a long chain of helpers near that of parsing it.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { selectTransforms } from '../../src/engine/selectTransforms';
import { TRANSFORM_ORDER } from '../../src/analysis/types';

function chainOfHelpers(count: number): string {
  const helpers = Array.from({ length: count }, (_, i) => `function f${i}(x){return ${i + 1 < count ? `f${i + 1}(x+1)` : 'x'}}`);
  return `"use strict";let hits=0;${helpers.join('')}exports.handler=async e=>{hits++;return f0(e.n)+hits};\n`;
}

describe('a handler that reaches a long chain of module functions', () => {
  it('is analysed in time close to linear in the size of the module', () => {
    const transforms = selectTransforms([...TRANSFORM_ORDER]);
    const small = chainOfHelpers(300);
    const large = chainOfHelpers(3000);
    // warm the parser and the transforms up before timing
    applyTransforms(small, 'bundle.js', { transforms });
    const time = (text: string) => {
      const start = process.hrtime.bigint();
      const result = applyTransforms(text, 'bundle.js', { transforms });
      expect(result.error).toBeUndefined();
      expect(result.changes.map((c) => c.transform)).toContain('globals');
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      process.stdout.write(`${text.length} bytes: ${ms.toFixed(0)} ms\n`);
      return ms;
    };
    const smallMs = time(small);
    const largeMs = time(large);
    // ten times the code: linear work takes about ten times as long, quadratic a hundred
    expect(largeMs).toBeLessThan(Math.max(30 * smallMs, 3000));
  });
});
