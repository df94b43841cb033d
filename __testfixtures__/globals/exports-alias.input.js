// `exports` held in a name: properties assigned to it are exports.
var api = exports;

var counts = {};

api.handler = async (event) => {
  counts[event.user] = (counts[event.user] || 0) + 1;
  return counts;
};
