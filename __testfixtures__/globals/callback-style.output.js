exports.handler = function (event, context, callback) {
  let calls = 0;
  const log = [];
  calls += 1;
  log.push(event.message);
  callback(null, { calls: calls, log: log });
};
