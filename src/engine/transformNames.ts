// `--transforms` names → the names to run, validated and in the spec's order, without
// loading any transform (so that a run whose parsing happens in worker threads never
// loads jscodeshift in the main thread).
import { TRANSFORM_ORDER, type TransformName } from '../analysis/types';
import { isTransformName } from '../../transforms';
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

/** The transform names to run, in the spec's order. No names: every available transform. */
export function selectTransformNames(names: string[] | undefined): TransformName[] {
  const available = availableTransforms();
  const requested = (names ?? []).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  if (requested.length === 0) return available;
  const unknown = requested.filter((n) => !isTransformName(n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown transform${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (choose from ${TRANSFORM_ORDER.join(', ')})`);
  }
  const missing = requested.filter((n) => !available.includes(n as TransformName));
  if (missing.length > 0) {
    throw new UsageError(`transform${missing.length > 1 ? 's' : ''} not available in this version: ${missing.join(', ')} (available: ${available.join(', ') || 'none'})`);
  }
  return TRANSFORM_ORDER.filter((n) => requested.includes(n));
}
