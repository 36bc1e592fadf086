// The package reader is what an uploader attacks: names that climb, duplicate names, sizes that
// lie (a "zip bomb"), damaged bytes and files that are not ZIPs at all must each be refused by
// name, before anything is inflated past its declared size.
import { describe, expect, it } from 'vitest';
import { isRefusal } from '../../src/lib/server/refusal';
import { readZip, writeZip } from '../../src/lib/server/ministry/zip';

const limits = { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };
const bytes = (s: string) => Buffer.from(s, 'utf8');

function refusal(data: Uint8Array, l = limits): string {
	try {
		readZip(data, l);
	} catch (e) {
		if (isRefusal(e)) return e.key.replace(/^ministry\.errors\./, '');
		throw e;
	}
	return 'accepted';
}

describe('ministry package zip', () => {
	it('reads back what it wrote', () => {
		const zip = writeZip([
			{ name: 'manifest.json', data: bytes('{"a":1}') },
			{ name: 'dossier/files/01.pdf', data: bytes('%PDF-1.4 x'.repeat(1000)) },
			{ name: 'empty.txt', data: new Uint8Array(0) }
		]);
		const out = readZip(zip, limits);
		expect([...out.keys()]).toEqual(['manifest.json', 'dossier/files/01.pdf', 'empty.txt']);
		expect(out.get('dossier/files/01.pdf')!.toString()).toBe('%PDF-1.4 x'.repeat(1000));
		expect(out.get('empty.txt')!.length).toBe(0);
	});

	it.each([
		'../evil.json',
		'dossier/../../evil',
		'/etc/passwd',
		'dossier\\..\\evil',
		'./manifest.json',
		'dossier//x',
		'dossier/x/',
		'%2e%2e/evil',
		'Dossier/X.pdf',
		'c:/evil',
		'a/b/c/d/e',
		'tệp.pdf'
	])('refuses the entry name %j', (name) => {
		expect(refusal(writeZip([{ name, data: bytes('x') }]))).toBe('badEntryName');
	});

	it('refuses two entries of the same name', () => {
		const zip = writeZip([
			{ name: 'manifest.json', data: bytes('a') },
			{ name: 'manifest.json', data: bytes('b') }
		]);
		expect(refusal(zip)).toBe('duplicateEntry');
	});

	it('refuses too many entries, an entry or a total over the limit', () => {
		const many = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: bytes('x') }));
		expect(refusal(writeZip(many))).toBe('tooManyEntries');
		const big = new Uint8Array(limits.maxEntryBytes + 1);
		expect(refusal(writeZip([{ name: 'big', data: big }]))).toBe('tooLarge');
		const half = new Uint8Array(limits.maxEntryBytes);
		const three = ['a', 'b', 'c'].map((name) => ({ name, data: half }));
		expect(refusal(writeZip(three))).toBe('tooLarge');
	});

	it('stops inflating at the declared size when the size lies (zip bomb)', () => {
		// 20 MB of zeros deflate to ~20 KB; the directory claims 100 bytes.
		const zip = writeZip([{ name: 'bomb', data: new Uint8Array(20 * 1024 * 1024) }]);
		const dir = zip.length - 22 - (46 + 4);
		expect(zip.readUInt32LE(dir)).toBe(0x02014b50);
		zip.writeUInt32LE(100, dir + 24);
		const started = process.memoryUsage().arrayBuffers;
		expect(refusal(zip)).toBe('tooLarge');
		expect(process.memoryUsage().arrayBuffers - started).toBeLessThan(10 * 1024 * 1024);
	});

	it('refuses damaged bytes and what is not a zip', () => {
		const zip = writeZip([{ name: 'a.json', data: bytes('{"hello":"world"}') }]);
		const crc = zip.length - 22 - (46 + 6) + 16;
		zip.writeUInt32LE((zip.readUInt32LE(crc) ^ 1) >>> 0, crc);
		expect(refusal(zip)).toBe('corrupt');
		expect(refusal(bytes('%PDF-1.7\n' + 'x'.repeat(100)))).toBe('notZip');
		expect(refusal(new Uint8Array(0))).toBe('notZip');
		expect(refusal(bytes('PK\u0003\u0004 but nothing else, not even an end record'))).toBe(
			'notZip'
		);
		// A trailing comment or junk after the end record: packages never carry one.
		const ok = writeZip([{ name: 'a', data: bytes('a') }]);
		expect(refusal(Buffer.concat([ok, bytes('junk')]))).toBe('notZip');
		// An encrypted entry.
		const enc = writeZip([{ name: 'a', data: bytes('a') }]);
		enc.writeUInt16LE(0x0801, enc.length - 22 - (46 + 1) + 8);
		expect(refusal(enc)).toBe('notZip');
	});
});
