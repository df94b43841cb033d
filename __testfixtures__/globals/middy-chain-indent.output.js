const middy = require('@middy/core');

// The body opens on a continuation line of the chain: its statements keep their indentation.
module.exports.handler = middy()
  .use({ before: async (request) => { request.event.name = request.event.name.trim(); } })
  .handler(async (event) => {
    const seen = [];
    seen.push(event.name);
    if (seen.length > 1) {
      return { greeted: seen.join(', '), repeat: true };
    }
    return { greeted: seen.join(', ') };
  });
