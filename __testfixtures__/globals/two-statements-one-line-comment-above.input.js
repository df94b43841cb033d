let ids = [];
exports.handler = async (event) => {
  // note
  ids.push(event.id); var x = 1;
  return { ids, x };
};
