const middy = require('@middy/core');

const breadcrumbs = [];

const baseHandler = async (event) => {
  breadcrumbs.push(`handler:${event.id}`);
  return { breadcrumbs };
};

// runs before baseHandler in the same invocation: a reset at the top of baseHandler would wipe it
exports.handler = middy(baseHandler).use({
  before: async (request) => {
    breadcrumbs.push(`before:${request.event.id}`);
  },
});
