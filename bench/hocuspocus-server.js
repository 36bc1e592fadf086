// Hocuspocus (@hocuspocus/server) with its SQLite persistence extension, stock settings and no
// auth hook: the strongest peer the app's Yjs endpoint is measured against. Unlike the stock
// y-websocket server it persists (a debounced snapshot per document, 2 s after the last change,
// at most 10 s late), and one socket carries any number of documents, as the app's board does.
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const port = Number(process.env.PORT ?? 1234);
const server = new Server({
	port,
	address: '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database: process.env.DATABASE_URL ?? 'hocuspocus.sqlite' })]
});
await server.listen();
console.log(`hocuspocus listening on ${port}`);
