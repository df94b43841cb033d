let ids = [];
exports.handler = async (event) => { // main
  ids.push(event.id); var x = 1;
  return { ids, x };
};
