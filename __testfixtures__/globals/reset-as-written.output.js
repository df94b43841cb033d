let session = { userId: null, roles: [], prefs: {} };
let audit = [
  'start', // first entry
  'ready',
];

function remember(user) {
  session.userId = user;
  audit.push(user);
}

exports.handler = async (event) => {
  session = { userId: null, roles: [], prefs: {} };
  audit = [
    'start', // first entry
    'ready',
  ];
  remember(event.user);
  return { session, audit };
};
