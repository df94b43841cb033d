// No handler here: exports with other names, a default export, and a function taking
// `evt`. Never modified.
export default async function (event: unknown) {
  return event;
}

let count = 0;
export const bump = (evt: { n: number }) => (count += evt.n);
