// A minimal stand-in for @middy/core: runs `before` middlewares, then the base handler.
module.exports = function middy(base) {
  // middy().use(...).handler(fn): the base handler comes last
  const befores = [];
  const wrapped = async (event, context) => {
    const request = { event, context };
    for (const before of befores) await before(request);
    return base(request.event, context);
  };
  wrapped.use = (middleware) => {
    if (middleware && middleware.before) befores.push(middleware.before);
    return wrapped;
  };
  wrapped.handler = (fn) => {
    base = fn;
    return wrapped;
  };
  return wrapped;
};
