// the handler is a property the module gives its exported object: Lambda finds `handler` on it
const api = {};

Object.assign(api, {
  handler: async (event) => ({ statusCode: 200, body: String(event.id) }),
});

module.exports = api;
