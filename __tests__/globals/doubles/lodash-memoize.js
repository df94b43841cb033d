// A minimal stand-in for lodash/memoize: the function runs once per first argument; what it
// returned is kept in the memo's own cache.
module.exports = function memoize(fn) {
  const cache = new Map();
  return (key) => {
    if (!cache.has(key)) cache.set(key, fn(key));
    return cache.get(key);
  };
};
