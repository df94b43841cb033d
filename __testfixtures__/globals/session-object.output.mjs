export const handler = async (event) => {
  const session = { user: null, visits: 0 };
  const previous = session.user;
  session.user = { name: event.user };
  session.visits++;
  return { previous, current: session.user.name, visits: session.visits };
};
