// The handler is a function-valued property of a module-level object literal, exported
// bound to the object (`api.handle.bind(api)`): binding it at load does not run it.
const api = {
  handle: async (event) => {
    const ids = [];
    for (const r of event.Records) ids.push(r.messageId);
    return { count: ids.length };
  },
};

exports.handler = api.handle.bind(api);
