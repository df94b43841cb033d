// A small real transform for engine tests (the engine must not depend on which transforms
// exist yet): puts `touched();` at the top of each handler, once.
import type { Transform } from '../../src/analysis/types';
import { prependToHandler, handlerBody } from '../../src/analysis/insert';

export const markTransform: Transform = {
  name: 'container-id',
  description: 'test transform: marks each handler',
  step(ctx) {
    const { j } = ctx;
    for (const handler of ctx.handlers) {
      const first = handlerBody(j, handler)[0];
      const marked = first?.type === 'ExpressionStatement' && first.expression.type === 'CallExpression' && first.expression.callee.name === 'touched';
      if (marked) continue;
      prependToHandler(j, handler, [j.expressionStatement(j.callExpression(j.identifier('touched'), []))]);
      ctx.report.change({ kind: 'marked', line: handler.line, column: handler.column, message: `marked ${handler.name}` });
      ctx.report.review({ kind: 'look', line: handler.line, column: handler.column, message: 'look at this' });
    }
  },
};
