'use strict';
exports.handler = function (event, context, callback) {
  let processed = [];
  processed.push(event.id); var x = 1;
  callback(null, { processed: processed.length, x: x });
};
