exports.handler = async (event) => {
  let ids = [];
  ids.push(event.id); /* c */ var x = 1;
  ids.push(x); var y = 2; /* after */
  return { ids, x, y };
};
