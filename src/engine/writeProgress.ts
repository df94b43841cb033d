// How far `migrate --write` has come, for the message an interrupted run leaves: a tiny
// module of its own, so that the command-line entry reads it without loading the engine.
// `planned`: the run is to write files (`--write`), whether or not it has started to.
export const writeProgress = { planned: false, written: 0, total: 0 };
