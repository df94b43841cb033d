async function main(db, region, event, context) {
  return { id: await db.get(event.id), region };
}

const deps = [{ get: async (id) => id }, 'eu-west-1'];
// a spread among the bound arguments: how many parameters it fills is only known at run
// time, so where Lambda's context lands is not known; left as it is, and reported
exports.handler = main.bind(null, ...deps);
