exports.handler = async (event) => {
  let ids = [];
  // note
  ids.push(event.id); var x = 1;
  return { ids, x };
};
