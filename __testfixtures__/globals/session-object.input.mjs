const session = { user: null, visits: 0 };

export const handler = async (event) => {
  const previous = session.user;
  session.user = { name: event.user };
  session.visits++;
  return { previous, current: session.user.name, visits: session.visits };
};
