const items = []
function add(id) { items.push(id) }

exports.handler = async (event) => {
  ;(event.ids || [event.id]).forEach(add)
  return { items }
}
