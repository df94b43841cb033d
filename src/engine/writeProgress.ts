// How far `migrate --write` has come, for the message an interrupted run leaves: a tiny
// module of its own, so that the command-line entry reads it without loading the engine.
export const writeProgress = { written: 0, total: 0 };
