// The transforms by CLI name, loaded only when a run needs them (so `--version` and
// `--help` never pay for jscodeshift).
import { TRANSFORM_ORDER, type Transform, type TransformName } from '../src/analysis/types';

export { TRANSFORM_ORDER };

export function isTransformName(name: string): name is TransformName {
  return (TRANSFORM_ORDER as readonly string[]).includes(name);
}

/** Each transforms/<name>.ts exports `transform` (the step the engine runs) and, as its
 * default export, the same step as a jscodeshift transform. */
export function loadTransform(name: TransformName): Transform {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`./${name}`).transform as Transform;
}
