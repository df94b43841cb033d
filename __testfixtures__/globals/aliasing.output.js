const seen = new Set();
const defaults = { retries: 3 };

function merge(target, source) {
  return Object.assign({}, target, source);
}

exports.handler = async (event) => {
  const ids = seen;
  ids.add(event.id);
  const options = merge(defaults, event.options);
  return { seen: ids.size, retries: options.retries };
};
