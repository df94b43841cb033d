// A method or a function field of a module class instance handed to other code as the module
// loads (here run before the first invocation) is not the handler's code, though the handler
// uses the instance: what it changes is kept, as for a module function handed over.
const primed = [];
const warmed = [];

class Warmer {
  prime = () => {
    primed.push('tables');
  };

  warm() {
    warmed.push('pool');
  }

  count() {
    return { primed: primed.length, warmed: warmed.length };
  }
}

const warmer = new Warmer();
queueMicrotask(warmer.prime);
queueMicrotask(warmer.warm.bind(warmer));

exports.handler = async (event) => ({ id: event.id, ...warmer.count() });
