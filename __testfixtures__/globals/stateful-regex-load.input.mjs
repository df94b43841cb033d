const ID_RE = /id-\d+/g;
export const DEFAULT_MATCHES = ID_RE.test('id-1 id-2');

export const handler = async (event) => {
  return { matches: ID_RE.test(event.text) };
};
