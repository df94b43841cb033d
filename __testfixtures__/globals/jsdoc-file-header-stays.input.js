/** @file Orders: keeps the ids it was sent. */
const buffer = [];

exports.handler = async (event) => {
  buffer.push(event.id);
  return buffer;
};
