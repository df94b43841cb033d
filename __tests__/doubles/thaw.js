// Shared by the test doubles: counts constructions per class and decides when the
// "server" closes an idle connection. A close is scheduled with setImmediate after a
// response, so it lands in the gap between two invocations of a reused environment (the
// Lambda runtime polls for the next event in between), never inside an invocation.
// LCS_DOUBLE_DROPS: how many connections the server closes in this process (default 1).
// LCS_DOUBLE_SILENT: how a connection lost while the environment was frozen shows it.
//   unset: at once, through the client's events (the runtime turns the event loop on thaw);
//   `fail`: only when it is next used (the request fails, then the events come), as a socket
//   whose peer went away while nobody read it;
//   `hang`: never (a half-open socket: the request gets no answer at all).
// LCS_DOUBLE_TRACE: when set, each construction writes `[double] new <class>` to stderr, so
// that a test running the handler through `simulate` can count them from the output.
'use strict';

const state = (globalThis.__lcsDoubles ??= {
  constructed: {},
  dropsLeft: Number(process.env.LCS_DOUBLE_DROPS ?? 1),
  silent: process.env.LCS_DOUBLE_SILENT ?? '',
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

/** After a response: the server may close this connection while the environment is idle.
 * `lose` is called at once when the loss shows at once (LCS_DOUBLE_SILENT unset); otherwise
 * the connection is only marked dead, and `deadConnection` says how its next request ends. */
function maybeLoseLater(client, lose) {
  maybeCloseLater(() => {
    if (state.silent) client._silentlyDead = true;
    else lose();
  });
}

/** For a request on `client`: null when its connection is alive; otherwise 'fail' (the
 * caller fails the request and then reports the loss) or 'hang' (it never answers). */
function deadConnection(client) {
  if (!client._silentlyDead) return null;
  if (state.silent === 'hang') return 'hang';
  client._silentlyDead = false;
  return 'fail';
}

module.exports = { state, constructed, maybeCloseLater, maybeLoseLater, deadConnection };
