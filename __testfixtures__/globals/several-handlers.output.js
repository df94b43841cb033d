let cart = [];

function summary() {
  return { items: cart.length };
}

exports.add = async (event) => {
  cart = [];
  cart.push(event.item);
  return summary();
};

exports.create = async (event) => {
  cart = [];
  const created = [];
  created.push(event.id);
  return { created: created.length, ...summary() };
};

module.exports.clear = async (event) => {
  cart = [];
  cart.length = 0;
  return summary();
};
