const cart = [];
const created = [];

function summary() {
  return { items: cart.length };
}

exports.add = async (event) => {
  cart.push(event.item);
  return summary();
};

exports.create = async (event) => {
  created.push(event.id);
  return { created: created.length, ...summary() };
};

module.exports.clear = async (event) => {
  cart.length = 0;
  return summary();
};
