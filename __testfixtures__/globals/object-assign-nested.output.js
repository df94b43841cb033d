// Per-request fields merged into a part of a module-level object.
exports.handler = async (event) => {
  const session = { user: {}, flags: { beta: false } };
  Object.assign(session.user, event.user);
  if (event.beta) Object.assign(session.flags, { beta: true });
  return { user: { ...session.user }, beta: session.flags.beta };
};
