// `exports` held in a name: properties assigned to it are exports.
var api = exports;

api.handler = async (event) => {
  let counts = {};
  counts[event.user] = (counts[event.user] || 0) + 1;
  return counts;
};
