// The exports object bound to a name as it is made (a CommonJS idiom): the handler assigned
// to its property is found and migrated.
const api = module.exports = {};

api.handler = async (event) => {
  const seen = [];
  seen.push(event.id);
  return { seen };
};
