// `--transforms` names → the transform modules, validated before any file is read.
import type { Transform } from '../analysis/types';
import { loadTransform } from '../../transforms';
import { selectTransformNames } from './transformNames';

export { availableTransforms } from './transformNames';

/** The transforms to run, in the spec's order. No names: every available transform. */
export function selectTransforms(names: string[] | undefined): Transform[] {
  return selectTransformNames(names).map(loadTransform);
}
