// lambda-clean-slate-ignore: a warm-start counter, on purpose
let invocations = 0;

exports.handler = async (event) => {
  invocations++;
  return { invocations };
};
