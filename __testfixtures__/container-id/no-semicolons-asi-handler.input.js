exports.handler = async (event) => {
  ;[event.a, event.b] = [event.b, event.a]
  ;`${event.a}`.length
  return { a: event.a, b: event.b }
}
