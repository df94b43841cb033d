import * as mysql from 'mysql2';

const connection = mysql.createConnection({ host: process.env.DB_HOST, user: 'app' });

export const handler = (event, context, callback) => {
  connection.query('SELECT 1 + ? AS answer', [event.n], (error, rows) => {
    if (error) return callback(error);
    callback(null, rows[0].answer);
  });
};
