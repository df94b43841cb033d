let calls = 0;
const log = [];

exports.handler = function (event, context, callback) {
  calls += 1;
  log.push(event.message);
  callback(null, { calls: calls, log: log });
};
