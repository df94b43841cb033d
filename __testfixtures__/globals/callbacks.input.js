const seen = new Set();
const totals = {};

exports.handler = async (event) => {
  event.items.forEach((item) => seen.add(item.id));
  event.items.map((item) => item.kind).forEach((kind) => {
    totals[kind] = (totals[kind] || 0) + 1;
  });
  return { unique: seen.size, totals };
};
