let items = []
function add(id) { items.push(id) }

exports.handler = async (event) => {
  items = []
  ;(event.ids || [event.id]).forEach(add)
  return { items }
}
