exports.handler = async (event) => {
  /** @type {string[]} */
  const buffer = [];

  buffer.push(event.id);
  return buffer;
};
