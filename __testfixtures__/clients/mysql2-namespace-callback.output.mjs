import * as mysql from 'mysql2';

// Connections that reported an error or their end; they are replaced at the next invocation.
const lostConnections = new WeakSet();

// A connection closed while the environment was frozen is reported through these events;
// the next invocation then replaces the client instead of the process crashing on the error.
function createConnection() {
  const connection = mysql.createConnection({ host: process.env.DB_HOST, user: 'app' });
  connection.on('error', () => lostConnections.add(connection));
  connection.on('end', () => lostConnections.add(connection));
  return connection;
}

let connection = createConnection();

export const handler = (event, context, callback) => {
  if (lostConnections.has(connection)) {
    connection = createConnection();
  }

  connection.query('SELECT 1 + ? AS answer', [event.n], (error, rows) => {
    if (error) return callback(error);
    callback(null, rows[0].answer);
  });
};
