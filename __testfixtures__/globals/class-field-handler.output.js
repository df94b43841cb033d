// The handler is a function-valued field of a class, exported from the one instance made
// at load: `new OrderHandler()` creates the arrow function there, it does not run its body,
// so the audit list is changed per invocation only.
class OrderHandler {
  handle = async (event) => {
    const audit = [];
    audit.push(event.id);
    return { audit: audit.length };
  };
}

exports.handler = new OrderHandler().handle;
