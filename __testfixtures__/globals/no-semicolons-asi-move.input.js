let last = null
let calls = 0

exports.handler = async (event) => {
  ;[last] = [event.a]
  calls += 1
  ;-1 === event.n && (calls += 10)
  return { last, calls }
}
