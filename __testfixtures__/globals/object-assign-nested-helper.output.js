let seen = { byUser: {} };

function remember(event) {
  Object.assign(seen.byUser, { [event.id]: event.name });
}

exports.handler = async (event) => {
  seen = { byUser: {} };
  remember(event);
  return { users: Object.keys(seen.byUser) };
};
