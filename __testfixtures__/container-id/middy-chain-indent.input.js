const middy = require('@middy/core');

module.exports.handler = middy()
  .use({ before: async (request) => { request.event.name = request.event.name.trim(); } })
  .handler(async (event) => {
    const greeting = `hello ${event.name}`;
    return { greeting };
  });
