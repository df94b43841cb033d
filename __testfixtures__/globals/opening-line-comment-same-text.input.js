let ids = [];
exports.handler = async function (event) { // main
  // main
  ids.push(event.id);
  return ids;
};
