const items = [];

class Repo {
  save(x) {
    items.push(x);
  }
}

const repo = new Repo();

exports.handler = async (event) => {
  repo.save(event.id);
  return items;
};
