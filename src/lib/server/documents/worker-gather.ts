// The render thread's side of a gathered document (render-pool.ts GatherJob): its own
// connection to the database file, the same gathering code as the event loop would run, and
// renders in this thread through this thread's PDF cache. Loaded by server/pdf-worker.js on the
// first gathered document only; a pool that is only asked to render never opens the database.

import { leaveCheckpointsToWorker, openDatabase, type Db } from '../db/client';
import { gatherDocument } from './index';
import { renderJob } from './render-job';
import type { DocumentRequest } from './request';
import type { DocumentSigner } from './signing';

const connections = new Map<string, Db>();

function connection(file: string): Db {
	let db = connections.get(file);
	if (!db) {
		// The schema is the server's to migrate; this connection reads, and writes only a
		// document's number the first time it is issued (register.ts, one short transaction).
		db = openDatabase(file, { migrate: false });
		// Checkpoints belong to the checkpoint thread, or to the server's own connection.
		leaveCheckpointsToWorker(db.$client);
		connections.set(file, db);
	}
	return db;
}

export function gatheredPdf(
	file: string,
	request: DocumentRequest,
	signer: DocumentSigner | null
): Promise<Buffer | null> {
	return gatherDocument(
		{ render: (job) => renderJob('json' in job ? (job.job ?? JSON.parse(job.json)) : job, signer) },
		connection(file),
		request
	);
}
