exports.handler = async (event) => { // main
  let ids = [];
  ids.push(event.id); var x = 1;
  return { ids, x };
};
