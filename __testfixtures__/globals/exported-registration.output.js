// Other modules register validators while they load: require('./handler').addValidator(fn)
const validators = [];

function addValidator(fn) {
  validators.push(fn);
}
exports.addValidator = addValidator;

exports.handler = async (event) => {
  if (event.maxLength) addValidator((e) => e.value.length <= event.maxLength);
  return validators.map((v) => v(event));
};
