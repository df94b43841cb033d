'use strict';
let label = 'x';
exports.handler = async (event) => {
  // A running total.
  let total = 0;

  total += event.n;
  return { total, label };
};
