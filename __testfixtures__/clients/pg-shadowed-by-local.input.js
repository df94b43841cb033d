const { Pool } = require('pg');
const pool = new Pool();

async function query(sql) {
  return pool.query(sql);
}

exports.handler = async (event) => {
  const rows = await query('select 1');
  const pool = rows.length;
  return { pool };
};
