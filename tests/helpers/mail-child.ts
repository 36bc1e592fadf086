// A server process in miniature for the mail queue test: opens the database, makes the outbox
// as the app does, records one notification for USER_ID, reports each line of its log on
// standard output, and waits until it is killed.
import { notify } from '../../src/lib/server/notifications';
import { Outbox, useOutbox } from '../../src/lib/server/notifications/outbox';
import { openDatabase } from '../../src/lib/server/db/client';

const [file, smtpUrl, userId, product] = process.argv.slice(2);
const db = openDatabase(file);
useOutbox(
	new Outbox(
		db,
		'https://ocop.test',
		{ url: smtpUrl, from: 'ocop@ocop.test' },
		{ attempts: 20, retryMs: 200, maxDelayMs: 400, log: (m) => console.log(`LOG ${m}`) }
	)
);
if (product)
	db.transaction((tx) =>
		notify(
			tx,
			[userId],
			'dossier-returned',
			{ product, reason: 'r', dossierId: 'd' },
			'/producer',
			Date.now()
		)
	);
console.log('READY');
setInterval(() => {}, 60_000);
