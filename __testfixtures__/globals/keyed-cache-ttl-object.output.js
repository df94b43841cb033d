var TTL = 60000; var cache = {};
function lookup(key) { var hit = cache[key]; if (hit && hit.exp > Date.now()) return hit.value;
  var value = key.toUpperCase(); cache[key] = { value: value, exp: Date.now() + TTL }; return value; }
exports.handler = async function (event) { return { v: lookup(event.id) }; };
