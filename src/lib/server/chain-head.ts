// The signed chain head: after every lock the app signs (seq, hash) of the record it locked and
// appends it to a log beside the database; the last line is the chain head. Deleting the last locked row breaks no link inside
// the database, but it leaves a signed head that names a record which is no longer there.
// Relative imports only: the CLI runs this through tsx.

import type { KeyObject } from 'node:crypto';
import {
	appendFileSync,
	closeSync,
	existsSync,
	fsyncSync,
	openSync,
	readFileSync,
	statSync
} from 'node:fs';
import { resolve } from 'node:path';
import { canonicalJson } from '../domain/result-record';
import { desc } from 'drizzle-orm';
import type { Q } from './db/client';
import { lockedResults } from './db/schema';
import { bumpPublicGeneration } from './public-cache';
import { loadSigningKey, signText, verifyText, type SigningKey } from './signing';

export const HEAD_FORMAT = 'ocop-chain-head/1';

export interface ChainHead {
	format: typeof HEAD_FORMAT;
	seq: number;
	hash: string;
	/** When it was signed (ms since the epoch). */
	at: number;
	/** Fingerprint of the public key that signs it. */
	key: string;
	signature: string;
}

/** The SQLite file behind a connection or a transaction handle ('' for an in-memory one). */
type Sqlite = Parameters<typeof bumpPublicGeneration>[0];

/** The better-sqlite3 connection under a drizzle handle, a transaction's included. */
function sqliteOf(db: Q): Sqlite | undefined {
	const handle = db as unknown as { $client?: Sqlite; session?: { client?: Sqlite } };
	return handle.$client ?? handle.session?.client;
}

export function databaseFileOf(db: Q): string {
	const client = sqliteOf(db);
	if (!client?.name || client.memory) return '';
	return client.name;
}

export function headLogPath(dbFile: string): string {
	return `${resolve(dbFile)}.heads.jsonl`;
}

function signedText(head: Omit<ChainHead, 'signature'>): string {
	const { format, seq, hash, at, key } = head;
	return canonicalJson({ format, seq, hash, at, key });
}

export function signHead(
	key: SigningKey,
	tip: { seq: number; hash: string },
	at: number
): ChainHead {
	const body = {
		format: HEAD_FORMAT,
		seq: tip.seq,
		hash: tip.hash,
		at,
		key: key.fingerprint
	} as const;
	return { ...body, signature: signText(key, signedText(body)) };
}

export function headSignatureValid(head: ChainHead, publicKey: KeyObject): boolean {
	return verifyText(publicKey, signedText(head), head.signature);
}

export function isChainHead(v: unknown): v is ChainHead {
	const h = v as Partial<ChainHead> | null;
	return (
		typeof h === 'object' &&
		h !== null &&
		h.format === HEAD_FORMAT &&
		Number.isInteger(h.seq) &&
		typeof h.hash === 'string' &&
		Number.isInteger(h.at) &&
		typeof h.key === 'string' &&
		typeof h.signature === 'string'
	);
}

/**
 * Signs the record just locked and appends its head (synced to disk). Called after the lock's
 * transaction commits; a failure here must not undo a lock, so it is reported, and `ocop chain`
 * then names the record as not covered by a signed head.
 */
export function recordChainHead(
	db: Q,
	record: { seq: number; hash: string },
	at: number
): ChainHead | null {
	const file = databaseFileOf(db);
	if (!file) return null;
	try {
		const head = signHead(loadSigningKey(file), record, at);
		const log = headLogPath(file);
		appendFileSync(log, JSON.stringify(head) + '\n', { mode: 0o644 });
		const fd = openSync(log, 'r');
		try {
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		countAsPublicChange(db);
		return head;
	} catch (error) {
		console.error(`chain head of record ${record.seq} not written: ${(error as Error).message}`);
		return null;
	}
}

/** The head is on every public page: pages rendered before it was appended are old now. */
function countAsPublicChange(db: Q): void {
	const sqlite = sqliteOf(db);
	try {
		if (sqlite) bumpPublicGeneration(sqlite);
	} catch (error) {
		// The pages then show the new head within MAX_AGE_MS (public-cache.ts) instead of at once.
		console.error(`public pages not told of the new chain head: ${(error as Error).message}`);
	}
}

export interface HeadLog {
	exists: boolean;
	heads: ChainHead[];
	/** 1-based line numbers that are not a signed head at all. */
	unreadable: number[];
}

export function readHeadLog(dbFile: string): HeadLog {
	const log = headLogPath(dbFile);
	if (!dbFile || !existsSync(log)) return { exists: false, heads: [], unreadable: [] };
	const heads: ChainHead[] = [];
	const unreadable: number[] = [];
	readFileSync(log, 'utf8')
		.split('\n')
		.forEach((line, i) => {
			if (line.trim() === '') return;
			try {
				const v: unknown = JSON.parse(line);
				if (isChainHead(v)) heads.push(v);
				else unreadable.push(i + 1);
			} catch {
				unreadable.push(i + 1);
			}
		});
	return { exists: true, heads, unreadable };
}

/** How long a parsed head log is trusted without looking at the file's size and times again. */
export const HEAD_LOG_RECHECK_MS = 60_000;

interface ParsedLog {
	/** The file's identity and size and times when read: any append or rewrite changes it. */
	stamp: string;
	readAt: number;
	log: HeadLog;
	/** Signature verdicts of this reading, by head index and key fingerprint. */
	verdicts: Map<string, boolean>;
}

const parsedLogs = new Map<string, ParsedLog>();

function logStamp(log: string): string {
	try {
		const s = statSync(log, { bigint: true });
		return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
	} catch {
		return 'missing';
	}
}

/**
 * The head log as the public pages read it, on every render: parsed again only when the file
 * changed (an append after a lock, or an edit on disk, changes its size or times) or after
 * HEAD_LOG_RECHECK_MS, so a product page costs a stat, not a read and parse of every head. The
 * CLI and exports read the file itself (`readHeadLog`).
 */
function parsedHeadLog(dbFile: string, nowMs = Date.now()): ParsedLog {
	const log = headLogPath(dbFile);
	const stamp = logStamp(log);
	const hit = parsedLogs.get(log);
	if (hit && hit.stamp === stamp && nowMs - hit.readAt < HEAD_LOG_RECHECK_MS) return hit;
	const fresh = { stamp, readAt: nowMs, log: readHeadLog(dbFile), verdicts: new Map() };
	parsedLogs.set(log, fresh);
	return fresh;
}

/** The head log, re-read only when the file changed (see `parsedHeadLog`). */
export function currentHeadLog(dbFile: string): HeadLog {
	return dbFile ? parsedHeadLog(dbFile).log : { exists: false, heads: [], unreadable: [] };
}

/**
 * Whether the log holds a head for (seq, hash) signed by `key`. A signature is checked once per
 * reading of the file: a head cannot change without the file changing.
 */
export function signedHeadNames(
	dbFile: string,
	record: { seq: number; hash: string },
	key: { publicKey: KeyObject; fingerprint: string }
): boolean {
	if (!dbFile) return false;
	const parsed = parsedHeadLog(dbFile);
	return parsed.log.heads.some((h, i) => {
		if (h.seq !== record.seq || h.hash !== record.hash) return false;
		const id = `${i}:${key.fingerprint}`;
		let ok = parsed.verdicts.get(id);
		if (ok === undefined) parsed.verdicts.set(id, (ok = headSignatureValid(h, key.publicKey)));
		return ok;
	});
}

/** The newest head, as pages and exports show it (null before the first lock). */
export function latestChainHead(db: Q): ChainHead | null {
	const file = databaseFileOf(db);
	return file ? (currentHeadLog(file).heads.at(-1) ?? null) : null;
}

/**
 * At start: signs the newest locked record if the process stopped between its commit and its
 * head (a kill or power cut in that instant). Only the newest can be in that state, since every
 * later lock would have come after a restart that signed it. A head log that already names this
 * seq with another hash, or a later seq, is a break for `ocop chain` to name, never to paper over.
 */
export function signUnheadedTip(db: Q, now: number): ChainHead | null {
	const file = databaseFileOf(db);
	if (!file) return null;
	const tip = db
		.select({ seq: lockedResults.seq, hash: lockedResults.hash })
		.from(lockedResults)
		.orderBy(desc(lockedResults.seq))
		.limit(1)
		.get();
	if (!tip) return null;
	const { heads } = readHeadLog(file);
	if (heads.some((h) => h.seq >= tip.seq)) return null;
	return recordChainHead(db, tip, now);
}
