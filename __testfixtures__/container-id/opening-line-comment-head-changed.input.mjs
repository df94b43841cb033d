export const handler = async (event) => { // note
  if (event.a) { // inner
    return 1
  }
  return event.id
}
