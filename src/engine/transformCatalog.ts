// Each transform this installation ships, with its one-line description, for
// `list-transforms`, `migrate --help` and the SARIF rules. Loading a transform loads
// jscodeshift, so only commands that need the list call this.
import type { TransformName } from '../analysis/types';
import { loadTransform } from '../../transforms';
import { availableTransforms } from './selectTransforms';

export interface TransformEntry {
  name: TransformName;
  description: string;
}

export function describeTransforms(names: readonly TransformName[] = availableTransforms()): TransformEntry[] {
  return names.map((name) => ({ name, description: loadTransform(name).description }));
}
