let count = 0;
const items = [];

function add(item) {
  items.push(item);
}

exports.handler = async (event) => {
  count = 0;
  count++;
  add(event.item);
  return { count, items: items.length };
};
