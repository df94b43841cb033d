const routes = [];
const seen = [];

function register(path) {
  routes.push(path);
  return path;
}

register('/health');

exports.handler = async (event) => {
  register(event.path);
  seen.push(event.path);
  return { routes: routes.length, seen: seen.length };
};

console.log('seen at load:', seen.length);
