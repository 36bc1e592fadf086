// A small ZIP writer and a strict reader for the packages exchanged with the Ministry. Written
// here rather than taken from a dependency because the reader is the attack surface: it reads
// only the central directory, refuses what a package never contains (folders that climb, absolute
// or backslashed names, duplicate names, encryption, ZIP64, other methods) and stops inflating at
// the declared size, so a "zip bomb" costs nothing.

import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { refuse } from '../refusal';
import { bodySizeLimit, megabytes } from '../uploads/limits';

export interface ZipEntry {
	name: string;
	data: Uint8Array;
}

export interface ZipLimits {
	maxEntries: number;
	maxEntryBytes: number;
	maxTotalBytes: number;
}

/** The limit a person is told: the package's own, or the upload limit when that is lower. */
function tooLarge(limits: ZipLimits): never {
	const limit = megabytes(Math.min(limits.maxTotalBytes, bodySizeLimit()));
	return refuse('bad-request', 'ministry.errors.tooLarge', { limit });
}

/** Package paths: lowercase ASCII segments, no dot segments, at most four deep. */
const SAFE_NAME = /^(?:[a-z0-9][a-z0-9._-]{0,99}\/){0,3}[a-z0-9][a-z0-9._-]{0,99}$/;

export function safeEntryName(name: string): boolean {
	return SAFE_NAME.test(name) && !name.split('/').some((s) => s === '.' || s === '..');
}

const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;

export function writeZip(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name, 'utf8');
		const packed = deflateRawSync(e.data);
		const crc = crc32(e.data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8);
		local.writeUInt16LE(0, 10);
		local.writeUInt16LE(DOS_DATE, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(e.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		locals.push(local, name, packed);
		const dir = Buffer.alloc(46);
		dir.writeUInt32LE(0x02014b50, 0);
		dir.writeUInt16LE(20, 4);
		dir.writeUInt16LE(20, 6);
		dir.writeUInt16LE(0x0800, 8);
		dir.writeUInt16LE(8, 10);
		dir.writeUInt16LE(0, 12);
		dir.writeUInt16LE(DOS_DATE, 14);
		dir.writeUInt32LE(crc, 16);
		dir.writeUInt32LE(packed.length, 20);
		dir.writeUInt32LE(e.data.length, 24);
		dir.writeUInt16LE(name.length, 28);
		dir.writeUInt32LE(offset, 42);
		central.push(dir, name);
		offset += 30 + name.length + packed.length;
	}
	const dirBytes = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(dirBytes.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, dirBytes, end]);
}

/** Reads every entry of a package, or refuses (refusal.ts) naming what is wrong. */
export function readZip(bytes: Uint8Array, limits: ZipLimits): Map<string, Buffer> {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50)
		refuse('bad-request', 'ministry.errors.notZip');
	// The end record sits in the last 22 bytes: packages carry no archive comment.
	const eocd = buf.length - 22;
	if (buf.readUInt32LE(eocd) !== 0x06054b50) refuse('bad-request', 'ministry.errors.notZip');
	const count = buf.readUInt16LE(eocd + 10);
	const dirSize = buf.readUInt32LE(eocd + 12);
	const dirStart = buf.readUInt32LE(eocd + 16);
	if (buf.readUInt16LE(eocd + 8) !== count || dirStart + dirSize !== eocd)
		refuse('bad-request', 'ministry.errors.notZip');
	if (count === 0) refuse('bad-request', 'ministry.errors.notZip');
	if (count > limits.maxEntries)
		refuse('bad-request', 'ministry.errors.tooManyEntries', { limit: String(limits.maxEntries) });
	const out = new Map<string, Buffer>();
	let p = dirStart;
	let total = 0;
	for (let i = 0; i < count; i++) {
		if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50)
			refuse('bad-request', 'ministry.errors.notZip');
		const flags = buf.readUInt16LE(p + 8);
		const method = buf.readUInt16LE(p + 10);
		const crc = buf.readUInt32LE(p + 16);
		const packedSize = buf.readUInt32LE(p + 20);
		const size = buf.readUInt32LE(p + 24);
		const nameLen = buf.readUInt16LE(p + 28);
		const extraLen = buf.readUInt16LE(p + 30);
		const commentLen = buf.readUInt16LE(p + 32);
		const localAt = buf.readUInt32LE(p + 42);
		if (p + 46 + nameLen > eocd) refuse('bad-request', 'ministry.errors.notZip');
		const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
		p += 46 + nameLen + extraLen + commentLen;
		if (!safeEntryName(name))
			refuse('bad-request', 'ministry.errors.badEntryName', { name: name.slice(0, 80) });
		if (out.has(name)) refuse('bad-request', 'ministry.errors.duplicateEntry', { name });
		if (flags & 0x1 || (method !== 0 && method !== 8))
			refuse('bad-request', 'ministry.errors.notZip');
		if (size > limits.maxEntryBytes || (total += size) > limits.maxTotalBytes) tooLarge(limits);
		if (localAt + 30 > dirStart || buf.readUInt32LE(localAt) !== 0x04034b50)
			refuse('bad-request', 'ministry.errors.notZip');
		const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
		if (dataAt + packedSize > dirStart) refuse('bad-request', 'ministry.errors.notZip');
		const packed = buf.subarray(dataAt, dataAt + packedSize);
		let data: Buffer;
		try {
			data =
				method === 0
					? Buffer.from(packed)
					: inflateRawSync(packed, { maxOutputLength: Math.max(size, 1) });
		} catch {
			tooLarge(limits);
		}
		if (data.length !== size || crc32(data) !== crc)
			refuse('bad-request', 'ministry.errors.corrupt');
		out.set(name, data);
	}
	return out;
}
