// The handler loads its settings on the first invocation and uses them on the next ones.
let settings = null;
let loads = 0;

function handle(event, current) {
  return { id: event.id, region: current.region, loads };
}

exports.handler = async (event) => {
  if (settings) return handle(event, settings);
  loads += 1;
  settings = await Promise.resolve({ region: 'eu-west-1' });
  return handle(event, settings);
};
