// The signed package a province and the central level exchange. A ZIP holding `manifest.json`
// (what the package is, who made it, and the SHA-256 of every other file) and `manifest.sig`, a
// detached Ed25519 signature over the manifest's exact bytes, made with the same issuing-body key
// that signs result bundles and chain heads (signing.ts). One key per deployment therefore
// vouches for the archive, for the locked result inside it and for that result's place in its
// chain; the receiver trusts only the keys listed in OCOP_TRUSTED_KEYS. (The PKCS#12 of
// documents/signing.ts signs the PDF letter inside, for readers; a package is read by a machine.)

import { createHash, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LockedRecord } from '../../domain/result-record';
import { isEnvelope, signatureProblems } from '../cli/verify';
import type { SignedBundle } from '../exports/bundle';
import { recordProblems, shapeProblem } from '../exports/verify-record';
import { fingerprintOf, parsePublicKey, signText, verifyText, type SigningKey } from '../signing';
import { MAX_DOSSIER_BYTES, MAX_FILE_BYTES } from '../uploads/limits';
import { readZip, writeZip, type ZipEntry } from './zip';
import { refuse } from '../refusal';

export const PACKAGE_FORMAT = 'ocop-ministry-package/1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const BUNDLE = 'result/bundle.json';

/** What an upload may be: a dossier's files at most, plus its letter and result. */
export const PACKAGE_LIMITS = {
	maxEntries: 120,
	maxEntryBytes: MAX_FILE_BYTES,
	maxTotalBytes: MAX_DOSSIER_BYTES + 4 * 1024 * 1024
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const manifestShape = z.object({
	format: z.literal(PACKAGE_FORMAT),
	id: z.string().regex(/^[0-9a-f-]{36}$/),
	kind: z.enum(['candidate', 'central-result']),
	createdAt: z.number().int().positive(),
	from: z.object({
		level: z.enum(['province', 'central']),
		origin: z.string().max(300),
		authority: z.string().max(300),
		key: z.string().regex(/^[0-9a-f]{64}$/)
	}),
	result: z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
	answers: z
		.string()
		.regex(/^[0-9a-f-]{36}$/)
		.optional(),
	files: z
		.array(
			z.object({
				path: z.string().max(420),
				sha256: z.string().regex(/^[0-9a-f]{64}$/),
				size: z.number().int().nonnegative()
			})
		)
		.max(PACKAGE_LIMITS.maxEntries)
});
export type Manifest = z.infer<typeof manifestShape>;

export function buildPackage(
	key: SigningKey,
	head: Omit<Manifest, 'files' | 'format'>,
	files: ZipEntry[]
): { bytes: Buffer; manifest: Manifest; manifestSha256: string } {
	const manifest: Manifest = {
		format: PACKAGE_FORMAT,
		...head,
		files: files.map((f) => ({ path: f.name, sha256: sha256(f.data), size: f.data.length }))
	};
	const text = JSON.stringify(manifest, null, 2) + '\n';
	const sig = { algorithm: 'Ed25519', key: key.fingerprint, value: signText(key, text) };
	const bytes = writeZip([
		{ name: MANIFEST, data: Buffer.from(text, 'utf8') },
		{ name: SIGNATURE, data: Buffer.from(JSON.stringify(sig) + '\n', 'utf8') },
		...files
	]);
	return { bytes, manifest, manifestSha256: sha256(Buffer.from(text, 'utf8')) };
}

/** The public keys this deployment accepts packages from, by fingerprint. */
export function trustedKeys(paths: string[]): Map<string, KeyObject> {
	const keys = new Map<string, KeyObject>();
	for (const path of paths) {
		let key: KeyObject | null = null;
		try {
			key = parsePublicKey(readFileSync(path, 'utf8'));
		} catch {
			key = null;
		}
		if (key) keys.set(fingerprintOf(key), key);
	}
	return keys;
}

export interface OpenedPackage {
	manifest: Manifest;
	manifestSha256: string;
	key: KeyObject;
	record: LockedRecord;
	bundle: SignedBundle;
	files: Map<string, Buffer>;
}

function json(bytes: Buffer | undefined): unknown {
	if (!bytes) return undefined;
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Opens an uploaded package and checks, in order: the archive, the signature against the trusted
 * keys, that every file is exactly the one the manifest names (nothing added, removed or
 * changed), and the locked result inside: recomputed from its cards, hashed, and signed with the
 * same key at locking and at export. Refuses (refusal.ts) naming the first problem.
 */
export function openPackage(bytes: Uint8Array, trusted: Map<string, KeyObject>): OpenedPackage {
	const entries = readZip(bytes, PACKAGE_LIMITS);
	const manifestBytes = entries.get(MANIFEST);
	const sig = json(entries.get(SIGNATURE)) as {
		algorithm?: unknown;
		key?: unknown;
		value?: unknown;
	};
	if (!manifestBytes || !sig || typeof sig !== 'object')
		refuse('bad-request', 'ministry.errors.notPackage');
	const key = typeof sig.key === 'string' ? trusted.get(sig.key) : undefined;
	if (!key) refuse('bad-request', 'ministry.errors.untrusted');
	if (sig.algorithm !== 'Ed25519' || !verifyText(key, manifestBytes.toString('utf8'), sig.value))
		refuse('bad-request', 'ministry.errors.badSignature');
	const parsed = manifestShape.safeParse(json(manifestBytes));
	if (!parsed.success) refuse('bad-request', 'ministry.errors.notPackage');
	const manifest = parsed.data;
	if (manifest.from.key !== sig.key) refuse('bad-request', 'ministry.errors.badSignature');
	const listed = new Set(manifest.files.map((f) => f.path));
	for (const name of entries.keys())
		if (name !== MANIFEST && name !== SIGNATURE && !listed.has(name))
			refuse('bad-request', 'ministry.errors.tampered');
	for (const f of manifest.files) {
		const data = entries.get(f.path);
		if (!data || data.length !== f.size || sha256(data) !== f.sha256)
			refuse('bad-request', 'ministry.errors.tampered');
	}
	const bundle = json(entries.get(BUNDLE));
	if (!isEnvelope(bundle) || bundle.records.length !== 1 || shapeProblem(bundle.records[0]))
		refuse('bad-request', 'ministry.errors.badBundle');
	const record = bundle.records[0];
	const checks = signatureProblems(bundle, [record], key);
	const problems = [
		...recordProblems(record),
		...checks.problems,
		...(checks.perRecord.get(record.seq) ?? [])
	];
	if (problems.length > 0) refuse('bad-request', 'ministry.errors.badBundle');
	if (record.seq !== manifest.result.seq || record.hash !== manifest.result.hash)
		refuse('bad-request', 'ministry.errors.badBundle');
	return {
		manifest,
		manifestSha256: sha256(manifestBytes),
		key,
		record,
		bundle,
		files: entries
	};
}
