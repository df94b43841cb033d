'use strict';
// A running total.
let total = 0, label = 'x';
exports.handler = async (event) => {
  total += event.n;
  return { total, label };
};
