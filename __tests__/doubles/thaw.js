// Shared by the test doubles: counts constructions per class and decides when the
// "server" closes an idle connection. A close is scheduled with setImmediate after a
// response, so it lands in the gap between two invocations of a reused environment (the
// Lambda runtime polls for the next event in between), never inside an invocation.
// LCS_DOUBLE_DROPS: how many connections the server closes in this process (default 1).
// LCS_DOUBLE_TRACE: when set, each construction writes `[double] new <class>` to stderr, so
// that a test running the handler through `simulate` can count them from the output.
'use strict';

const state = (globalThis.__lcsDoubles ??= {
  constructed: {},
  dropsLeft: Number(process.env.LCS_DOUBLE_DROPS ?? 1),
});

function constructed(name) {
  state.constructed[name] = (state.constructed[name] ?? 0) + 1;
  if (process.env.LCS_DOUBLE_TRACE) process.stderr.write(`[double] new ${name}\n`);
}

/** After a response: the server may close this connection while the environment is idle. */
function maybeCloseLater(close) {
  if (state.dropsLeft <= 0) return;
  state.dropsLeft--;
  setImmediate(close);
}

module.exports = { state, constructed, maybeCloseLater };
