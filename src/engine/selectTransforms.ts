// `--transforms` names → the transform modules, validated before any file is read.
import { TRANSFORM_ORDER, type Transform, type TransformName } from '../analysis/types';
import { isTransformName, loadTransform } from '../../transforms';
import { UsageError } from './errors';

/** Transform names this installation ships (a transform's file exists). */
export function availableTransforms(): TransformName[] {
  return TRANSFORM_ORDER.filter((name) => {
    try {
      require.resolve(`../../transforms/${name}`);
      return true;
    } catch {
      return false;
    }
  });
}

/** The transforms to run, in the spec's order. No names: every available transform. */
export function selectTransforms(names: string[] | undefined): Transform[] {
  const available = availableTransforms();
  const requested = (names ?? []).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  if (requested.length === 0) return available.map(loadTransform);
  const unknown = requested.filter((n) => !isTransformName(n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown transform${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (choose from ${TRANSFORM_ORDER.join(', ')})`);
  }
  const missing = requested.filter((n) => !available.includes(n as TransformName));
  if (missing.length > 0) {
    throw new UsageError(`transform${missing.length > 1 ? 's' : ''} not available in this version: ${missing.join(', ')} (available: ${available.join(', ') || 'none'})`);
  }
  return TRANSFORM_ORDER.filter((n) => requested.includes(n)).map(loadTransform);
}
