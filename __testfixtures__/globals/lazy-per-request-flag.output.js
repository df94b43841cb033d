// A flag that guards request data is per request too: both are migrated together.
exports.handler = async (event) => {
  let caller = null;
  let greeted = false;
  if (!greeted) {
    caller = event.caller;
    greeted = true;
  }
  return { caller };
};
