'use strict';
// A running total.
let label = 'x';
exports.handler = async (event) => {
  let total = 0;
  total += event.n;
  return { total, label };
};
