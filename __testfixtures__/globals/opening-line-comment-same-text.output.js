exports.handler = async function (event) { // main
  let ids = [];
  // main
  ids.push(event.id);
  return ids;
};
