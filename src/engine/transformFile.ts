// One file's text through the transforms, as the engine runs it (in this thread or in a
// worker): files that export no handler are ruled out on the parser's own tree first,
// the others go through the full pipeline (parsed for reprinting, transformed, printed).
import { applyTransforms, type SourceResult } from '../analysis/applyTransforms';
import type { Transform, TransformOptions } from '../analysis/types';
import type { LambdaLayers } from '../analysis/moduleResolution';
import { scanForHandlers } from './scanHandlers';

export interface FileTask {
  /** Where the result goes (the file's position in the run). */
  id: number;
  /** The path the file is reported under (the parser is chosen by its extension). */
  path: string;
  text: string;
  names?: string[];
  /** The Lambda layers of the file's functions, from the manifests. */
  layers?: LambdaLayers;
  /** The file's absolute path on disk (`path` is relative to the run's working directory). */
  modulePath?: string;
  /** Exports other modules' handlers call as helpers: not handlers by the `event` rule. */
  imported?: string[];
}

export function transformFile(task: FileTask, transforms: Transform[], options: TransformOptions): SourceResult {
  const scan = scanForHandlers(task.text, task.path, task.names);
  if (scan === false) return { output: null, handlers: [], changes: [], review: [] };
  const parsed = typeof scan === 'object' ? scan.tree : undefined;
  return applyTransforms(task.text, task.path, { transforms, handlerNames: task.names, options: task.layers ? { ...options, layers: task.layers } : options, parsed, modulePath: task.modulePath, imported: task.imported });
}
