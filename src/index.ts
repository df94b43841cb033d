// The library: what `lambda-clean-slate` does, without the command line. `migrate` returns
// structured results and never prints; the formats turn results into reports.
export { migrate, displayPath } from './engine/migrate';
export type { FileResult, MigrateOptions, MigrateResult, MigrateSummary, SkippedResult } from './engine/results';
export { UsageError, UncommittedChangesError } from './engine/errors';
export { discoverFiles, MAX_FILE_BYTES } from './engine/discover';
export { readManifests, locateManifests, handlerNamesFor, resolveHandlerString } from './engine/manifests';
export { formatNames, getFormat } from './engine/formats';
export type { ReportFormat, RenderOptions } from './engine/formats';
export { availableTransforms } from './engine/selectTransforms';
export { applyTransforms } from './analysis/applyTransforms';
export { findHandlers } from './analysis/handlers';
export { TRANSFORM_ORDER } from './analysis/types';
export type { Finding, HandlerInfo, Transform, TransformContext, TransformName, TransformOptions } from './analysis/types';
export { simulate, formatSimulation, checkMigrationBehaviour } from './simulate';
export type { SimulationResult, SimulateOptions } from './simulate';
