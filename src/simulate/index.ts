// `simulate` as a library: run a handler warm and cold and compare (see simulate.ts).
export { simulate, DEFAULT_TIMEOUT_MS } from './simulate';
export { findStaticTmpPaths, staticTmpPathsIn, isRemovableTmpPath } from './findStaticTmpPaths';
export { sameOutcome, describeOutcome } from './compareOutcomes';
export { formatSimulation } from './formatSimulation';
export type * from './types';
export { checkMigrationBehaviour, type BehaviourCase, type BehaviourReport } from './checkMigrationBehaviour';
