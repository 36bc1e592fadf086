// PAdES signing of the documents with the issuing body's PKCS#12 (in place of the seal, DOCUMENTS
// "Electronic documents"): an ETSI.CAdES.detached signature over the whole file, which readers
// verify and which any changed byte breaks. The placeholder follows @signpdf/placeholder-pdfkit
// (MIT), written here because that package pins pdfkit 0.11 and this app uses a later one.
//
// The .p12 comes from the configuration (config.ts: DOCUMENT_P12 and its passphrase);
// `DOCUMENT_P12=demo` makes a self-signed one for the demo. Without it, documents are unsigned.

import { readFileSync } from 'node:fs';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import {
	DEFAULT_BYTE_RANGE_PLACEHOLDER,
	DEFAULT_SIGNATURE_LENGTH,
	SIG_FLAGS,
	SUBFILTER_ETSI_CADES_DETACHED
} from '@signpdf/utils';
import forge from 'node-forge';
import { loadConfig } from '../config';
import type { Pdf } from './pdf';

export interface DocumentSigner {
	p12: Buffer;
	passphrase: string;
	/** Shown as the signer's name in readers. */
	name: string;
	location: string;
}

let configured: DocumentSigner | null | undefined;

/**
 * The demo certificate, made once: server/main.ts makes it at start, before the server
 * listens, and signs every document with it (its render pool is the one the routes use, see
 * app-services.ts), so no key generation (0.2-0.3 s) lands on the event loop later.
 */
let demoP12: Buffer | undefined;

/** Sets (or with null, removes) the signer; tests and the demo call it. */
export function useDocumentSigner(signer: DocumentSigner | null): void {
	configured = signer;
}

function fromConfig(): DocumentSigner | null {
	const c = loadConfig().documents.signing;
	if (!c) return null;
	const name = c.signerName;
	if (c.p12 === 'demo') {
		demoP12 ??= selfSignedP12(`${name} (DEMO)`, '');
		return { p12: demoP12, passphrase: '', name, location: 'Việt Nam' };
	}
	return { p12: readFileSync(c.p12), passphrase: c.passphrase, name, location: 'Việt Nam' };
}

export function documentSigner(): DocumentSigner | null {
	if (configured === undefined) configured = fromConfig();
	return configured;
}

/** A self-signed certificate and key as PKCS#12, for the demo and the tests. */
export function selfSignedP12(commonName: string, passphrase: string): Buffer {
	const keys = forge.pki.rsa.generateKeyPair(2048);
	const cert = forge.pki.createCertificate();
	cert.publicKey = keys.publicKey;
	cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
	cert.validity.notBefore = new Date(Date.now() - 86_400_000);
	cert.validity.notAfter = new Date(Date.now() + 3 * 365 * 86_400_000);
	const attrs = [
		{ shortName: 'CN', value: forge.util.encodeUtf8(commonName) },
		{ shortName: 'O', value: 'OCOP demo' },
		{ shortName: 'C', value: 'VN' }
	];
	cert.setSubject(attrs);
	cert.setIssuer(attrs);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: false },
		{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }
	]);
	cert.sign(keys.privateKey, forge.md.sha256.create());
	const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, {
		algorithm: '3des'
	});
	return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Adds the signature dictionary and its invisible widget to the current (last) page. */
function addPlaceholder(doc: Pdf, s: DocumentSigner, at: Date): void {
	// pdfkit's document internals: the same calls @signpdf/placeholder-pdfkit makes.
	const pdf = doc as unknown as {
		ref(data: object): { end(): void };
		initForm(): void;
		_acroform?: object;
		_root: { data: { AcroForm: { data: { Fields: unknown[]; DR?: unknown } } } };
		page: { dictionary: unknown; annotations: unknown[] };
	};
	const signature = pdf.ref({
		Type: 'Sig',
		Filter: 'Adobe.PPKLite',
		SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
		ByteRange: [
			0,
			DEFAULT_BYTE_RANGE_PLACEHOLDER,
			DEFAULT_BYTE_RANGE_PLACEHOLDER,
			DEFAULT_BYTE_RANGE_PLACEHOLDER
		],
		Contents: Buffer.from(String.fromCharCode(0).repeat(DEFAULT_SIGNATURE_LENGTH)),
		Reason: new String('Ký số văn bản điện tử'),
		M: at,
		Name: new String(s.name),
		Location: new String(s.location),
		ContactInfo: new String(''),
		Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } }
	});
	if (!pdf._acroform) pdf.initForm();
	const form = pdf._root.data.AcroForm;
	const fields = form.data.Fields;
	form.data = {
		Type: 'AcroForm',
		SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY,
		Fields: fields,
		DR: form.data.DR
	} as typeof form.data;
	const widget = pdf.ref({
		Type: 'Annot',
		Subtype: 'Widget',
		FT: 'Sig',
		Rect: [0, 0, 0, 0],
		V: signature,
		T: new String(`Signature${fields.length + 1}`),
		P: pdf.page.dictionary
	});
	pdf.page.annotations.push(widget);
	fields.push(widget);
	signature.end();
	widget.end();
}

function bytes(doc: Pdf): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

/** The finished document, signed when a signer is configured. */
export async function output(doc: Pdf, signer = documentSigner()): Promise<Buffer> {
	if (!signer) return bytes(doc);
	const at = new Date();
	addPlaceholder(doc, signer, at);
	const unsigned = await bytes(doc);
	const p12 = new P12Signer(signer.p12, { passphrase: signer.passphrase });
	return new SignPdf().sign(unsigned, p12, at);
}
