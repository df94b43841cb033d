const { Pool } = require('pg');

// one pool per tenant database, made on first use and reused by later invocations
const pools = {};

function poolFor(tenant) {
  if (!pools[tenant]) pools[tenant] = new Pool({ database: tenant });
  return pools[tenant];
}

exports.handler = async (event) => {
  const { rows } = await poolFor(event.tenant).query('SELECT 1');
  return rows.length;
};
