// A flag that guards request data is per request too: both are migrated together.
let caller = null;
let greeted = false;

exports.handler = async (event) => {
  if (!greeted) {
    caller = event.caller;
    greeted = true;
  }
  return { caller };
};
