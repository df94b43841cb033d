exports.handler = async function (event) {
  'use strict';
  let seen = [];
  seen.push(event.id);
  try {
    undeclaredVar = 1;
    return { seen, strict: false };
  } catch (e) {
    return { seen, strict: true };
  }
};
