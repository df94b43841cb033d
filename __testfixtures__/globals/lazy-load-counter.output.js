let settings;
let loads = 0;

async function load() {
  loads++;
  return { mode: 'fast' };
}

exports.handler = async (event) => {
  settings ??= await load();
  return { mode: settings.mode, loads, id: event.id };
};
