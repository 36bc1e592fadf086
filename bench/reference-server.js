// The stock y-websocket server (@y/websocket-server), unmodified and without auth: the
// reference the app's Yjs endpoint is measured against. In-memory, as its README runs it.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT ?? 1234);
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.writeHead(200).end('okay'));
wss.on('connection', (ws, req) => setupWSConnection(ws, req, { gc: true }));
server.on('upgrade', (req, socket, head) => {
	// The app serves /yjs/<name>; strip the prefix so both servers see the same doc names.
	req.url = req.url.replace(/^\/yjs\//, '/');
	wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(port, '127.0.0.1', () => console.log(`reference listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
