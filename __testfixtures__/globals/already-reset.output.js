let count = 0;
let items = [];

function add(item) {
  items.push(item);
}

exports.handler = async (event) => {
  items = [];
  count = 0;
  count++;
  add(event.item);
  return { count, items: items.length };
};
