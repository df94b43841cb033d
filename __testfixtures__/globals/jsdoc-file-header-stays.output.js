/** @file Orders: keeps the ids it was sent. */
exports.handler = async (event) => {
  const buffer = [];
  buffer.push(event.id);
  return buffer;
};
