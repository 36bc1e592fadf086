// A real SMTP server on loopback (smtp-server from npm) that keeps what it receives, or refuses.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
}

export interface SmtpSink {
	url: string;
	mails: ReceivedMail[];
	logins: string[];
	close(): Promise<void>;
}

/**
 * `refuse`: every MAIL FROM is answered 550, as a server that will not relay for us (read at
 * each command: a test may change it). `port`: listen there, e.g. where a dead server was.
 */
export async function startSmtpSink(
	opts: { refuse?: boolean; port?: number } = {}
): Promise<SmtpSink> {
	const mails: ReceivedMail[] = [];
	const logins: string[] = [];
	const server = new SMTPServer({
		authOptional: true,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, _session, callback) {
			logins.push(`${auth.username}:${auth.password}`);
			callback(null, { user: auth.username });
		},
		onMailFrom(_address, _session, callback) {
			if (opts.refuse) {
				const err = new Error('relay refused') as Error & { responseCode: number };
				err.responseCode = 550;
				return callback(err);
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				mails.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://ocop:s%E1%BA%BFcret@127.0.0.1:${port}`,
		mails,
		logins,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

function decodePart(headers: string, body: string): string {
	const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
	if (encoding === 'base64')
		return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') {
		const bytes = body
			.replace(/=\r?\n/g, '')
			.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
		return Buffer.from(bytes, 'latin1').toString('utf8');
	}
	return body;
}

/** The decoded bodies of a mail's parts of one content type (enough MIME for these tests). */
export function partsOfType(raw: string, type: string): string[] {
	const found: string[] = [];
	const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
	const re = new RegExp(`content-type:\\s*${type.replace('/', '\\/')}[^]*?\\r\\n\\r\\n`, 'gi');
	for (const m of raw.matchAll(re)) {
		const start = m.index! + m[0].length;
		const headersStart = raw.lastIndexOf('\n--', m.index!);
		const headers = raw.slice(Math.max(0, headersStart), start);
		const ends = boundaries.map((b) => raw.indexOf(`\r\n--${b}`, start)).filter((i) => i >= 0);
		const end = ends.length ? Math.min(...ends) : -1;
		found.push(decodePart(headers, raw.slice(start, end < 0 ? undefined : end)));
	}
	return found;
}

/** Folded lines joined, escapes undone: property name → value. */
export function parseIcs(text: string): Map<string, string> {
	const props = new Map<string, string>();
	for (const line of text.replace(/\r\n[ \t]/g, '').split('\r\n')) {
		const i = line.indexOf(':');
		if (i < 0) continue;
		const name = line.slice(0, i).split(';')[0];
		const value = line
			.slice(i + 1)
			.replace(/\\n/gi, '\n')
			.replace(/\\([,;\\])/g, '$1');
		if (!props.has(name) || name === 'BEGIN' || name === 'END') props.set(name, value);
	}
	return props;
}
