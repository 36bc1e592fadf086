// `ocop verify [--key PUBLIC.pem|URL] BUNDLE...`: re-checks published locked results offline. A
// bundle is the signed JSON the app exports (one record, or a stretch of the chain). Records are
// checked one by one and as a chain in the order given, and the signatures are checked against
// the issuing body's public key: a self-consistent bundle that the key did not sign is refused.
// Exit 0: everything valid; 1: something does not match (named on stdout); 2: unreadable input.

import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LockedRecord } from '../../domain/result-record';
import { headSignatureValid, isChainHead } from '../chain-head';
import { BUNDLE_FORMAT, bundleSignedText, type SignedBundle } from '../exports/bundle';
import { linkProblems, recordProblems, shapeProblem } from '../exports/verify-record';
import { existingPublicKey, fingerprintOf, readPublicKey, verifyText } from '../signing';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, type CliIo } from './io';

const USAGE = `Usage: ocop verify [--key PUBLIC.pem|URL] BUNDLE...

Checks locked-result bundles exported by the app: recomputes each result from its cards with the
rating core, checks each card's receipt and the record's hash, and, when several records are given
in chain order (several files, or one file holding several), the links between them. Then checks
who issued them: the bundle's signature and each record's chain head signed at locking must verify
with the issuing body's public key, given with --key (a file, or the address where the deployment
publishes it: https://…/.well-known/ocop-signing-key.pem); without --key, the key of the
deployment on this machine ($OCOP_SIGNING_KEY, else beside $DATABASE_URL or data/ocop.db).
Prints "valid" or names what does not match. Exit 0 valid, 1 mismatch, 2 bad input.
`;

interface Loaded {
	file: string;
	records: LockedRecord[];
	/** Problems of the bundle as a whole (signature, lock heads). */
	problems: string[];
	perRecord: Map<number, string[]>;
}

export async function run(args: string[], io: CliIo): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		io.stdout(USAGE);
		return EXIT_OK;
	}
	const keyAt = args.indexOf('--key');
	const keySource = keyAt >= 0 ? args[keyAt + 1] : undefined;
	const files = keyAt >= 0 ? args.filter((_, i) => i !== keyAt && i !== keyAt + 1) : args;
	if (
		files.length === 0 ||
		files.some((a) => a.startsWith('-') && a !== '-') ||
		(keyAt >= 0 && !keySource)
	) {
		const why = files.length === 0 ? 'no bundle given' : 'unknown option or --key without a key';
		io.stderr(`ocop verify: ${why}\n\n${USAGE}`);
		return EXIT_BAD_INPUT;
	}
	let key: KeyObject | null;
	if (keySource) {
		const read = await readPublicKey(keySource);
		if (typeof read === 'string') {
			io.stderr(`ocop verify: ${read}\n`);
			return EXIT_BAD_INPUT;
		}
		key = read;
	} else key = existingPublicKey(process.env.DATABASE_URL || 'data/ocop.db');
	if (!key) {
		io.stderr(
			'ocop verify: no public key of the issuing body; give --key PUBLIC.pem (or its URL)\n'
		);
		return EXIT_BAD_INPUT;
	}
	io.stdout(`issuer key ${fingerprintOf(key)}\n`);
	const loaded: Loaded[] = [];
	for (const file of files) {
		const result = await load(file, key, io);
		if (typeof result === 'string') {
			io.stderr(`ocop verify: ${file}: ${result}\n`);
			return EXIT_BAD_INPUT;
		}
		loaded.push(result);
	}
	let failures = 0;
	let prev: LockedRecord | null = null;
	for (const { file, records, problems: bundleProblems, perRecord } of loaded) {
		for (const problem of bundleProblems) io.stdout(`${file}: ${problem}\n`);
		failures += bundleProblems.length;
		for (const record of records) {
			const problems = [
				...(prev ? linkProblems(prev, record) : []),
				...recordProblems(record),
				...(perRecord.get(record.seq) ?? [])
			];
			const label = `${file}: seq ${record.seq}`;
			if (problems.length === 0) io.stdout(`${label}: valid\n`);
			for (const problem of problems) io.stdout(`${label}: ${problem}\n`);
			failures += problems.length;
			prev = record;
		}
	}
	io.stdout(failures === 0 ? 'valid\n' : `not valid: ${failures} problem(s)\n`);
	return failures === 0 ? EXIT_OK : EXIT_FAILURE;
}

async function load(file: string, key: KeyObject, io: CliIo): Promise<Loaded | string> {
	let text: string;
	try {
		text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
	} catch (error) {
		return `cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`;
	}
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		return `invalid JSON: ${(error as Error).message}`;
	}
	const envelope = isEnvelope(json) ? json : null;
	const list: unknown[] = envelope ? envelope.records : Array.isArray(json) ? json : [json];
	if (list.length === 0) return 'the bundle holds no record';
	for (const [i, item] of list.entries()) {
		const problem = shapeProblem(item);
		if (problem) return list.length > 1 || envelope ? `record ${i + 1}: ${problem}` : problem;
	}
	const records = list as LockedRecord[];
	if (!envelope)
		return {
			file,
			records,
			problems: ['not signed: who issued this bundle cannot be checked (an old or forged export)'],
			perRecord: new Map()
		};
	return { file, records, ...signatureProblems(envelope, records, key) };
}

export function isEnvelope(v: unknown): v is SignedBundle {
	const b = v as Partial<SignedBundle> | null;
	return (
		typeof b === 'object' &&
		b !== null &&
		!Array.isArray(b) &&
		b.format === BUNDLE_FORMAT &&
		Array.isArray(b.records)
	);
}

export function signatureProblems(bundle: SignedBundle, records: LockedRecord[], key: KeyObject) {
	const problems: string[] = [];
	const perRecord = new Map<number, string[]>();
	const expected = fingerprintOf(key);
	const sig = bundle.signature as Partial<SignedBundle['signature']> | undefined;
	if (!sig || sig.algorithm !== 'Ed25519' || typeof sig.key !== 'string')
		problems.push('not signed: the bundle carries no Ed25519 signature');
	else if (sig.key !== expected)
		problems.push(`signed by another key (${sig.key}), not by the issuer's key`);
	else if (!verifyText(key, bundleSignedText(sig.key, records), sig.value))
		problems.push("the bundle's signature does not verify (changed after it was signed)");
	const heads = Array.isArray(bundle.lockHeads) ? bundle.lockHeads.filter(isChainHead) : [];
	for (const record of records) {
		const mine: string[] = [];
		const head = heads.find((h) => h.seq === record.seq);
		if (!head) mine.push('no chain head signed when it was locked');
		else if (!headSignatureValid(head, key))
			mine.push("the chain head of its locking does not verify with the issuer's key");
		else if (head.hash !== record.hash)
			mine.push('hash differs from the one signed when it was locked');
		if (mine.length) perRecord.set(record.seq, mine);
	}
	if (bundle.head != null) {
		if (!isChainHead(bundle.head) || !headSignatureValid(bundle.head, key))
			problems.push("the chain head in the bundle does not verify with the issuer's key");
		else if (records.some((r) => r.seq > bundle.head!.seq))
			problems.push(`a record is newer than the chain head (record ${bundle.head.seq})`);
	}
	return { problems, perRecord };
}
