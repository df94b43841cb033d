// `items` is read by a default value of the handler's parameters, which is evaluated before
// the first statement of the body: a reset there would come too late, so it is kept and
// reported. `ids` is read only in the body and is migrated.
const items = [];

exports.handler = async ({ id, options: { max = items.length + 5 } = {} }) => {
  const ids = [];
  items.push(id);
  ids.push(id);
  return { items, ids, max };
};
