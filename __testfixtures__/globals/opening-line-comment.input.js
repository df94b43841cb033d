'use strict';
var seen = [];
exports.handler = function (event, context, callback) { // handler comment
  seen.push(event.id);
  callback(null, { n: seen.length });
};
