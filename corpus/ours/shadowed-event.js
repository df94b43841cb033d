// A handler whose parameter is shadowed and re-declared with var, plus a nested function
// called handler that is not the export.
var total = 0;

exports.handler = function handler(event, context, callback) {
  function inner(event) {
    var total = event.n;
    return total;
  }
  total += inner({ n: event.n || 1 });
  callback(null, total);
};
