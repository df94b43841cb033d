/** @type {string[]} */
const buffer = [];

exports.handler = async (event) => {
  buffer.push(event.id);
  return buffer;
};
