export const processed = [];

export const handler = async (event) => {
  processed.push(event.id);
  return processed.length;
};
