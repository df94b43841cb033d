const cache = [];
let total = 0;

function add(total, value) {
  total += value;
  return total;
}

exports.handler = async (event) => {
  const seen = [];
  const cache = [];
  cache.push(event.id);
  if (event.scratch) {
    const seen = [];
    seen.push('scratch');
  }
  seen.push(event.id);
  return { seen: seen.length, cache: cache.length, total: add(total, 1) };
};
