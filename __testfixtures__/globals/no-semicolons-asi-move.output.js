exports.handler = async (event) => {
  let last = null
  let calls = 0
  ;[last] = [event.a]
  calls += 1
  ;-1 === event.n && (calls += 10)
  return { last, calls }
}
