let session = { userId: null, roles: [], prefs: {} };
const audit = [
  'start', // first entry
  'ready',
];

function remember(user) {
  session.userId = user;
  audit.push(user);
}

exports.handler = async (event) => {
  remember(event.user);
  return { session, audit };
};
