// The malformed-input registry's part for the certificate's life (not a test file): the fuzz
// fixture holds no decision, certificate or re-evaluation dossier, so every case is refused
// with a message, whatever the fields.
import fc from 'fast-check';
import { impossibleDate, junkText } from '../helpers/fuzz';
import type { FuzzFixture } from '../helpers/fuzz-fixture';
import {
	form,
	free,
	junkParam,
	onTarget,
	post,
	required,
	someText,
	type HttpSurfaceFuzz
} from './malformed-http-forms';

const isoDate = fc.constantFrom('2026-12-31', '2027-01-15');
const date = required(
	isoDate,
	fc.oneof(
		junkText.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s.trim())),
		impossibleDate
	)
);

export function certificateActions(f: FuzzFixture, ids: string[]): Record<string, HttpSurfaceFuzz> {
	const decision = (action: string, spec: Parameters<typeof onTarget>[2]): HttpSurfaceFuzz => ({
		as: 'secretary',
		expect: 'failure',
		cases: onTarget(`/office/decisions/{id}?/${action}`, ['no-such-decision'], spec, ids, true)
	});
	return {
		'action /office/decisions/[id] ?/revoke': decision('revoke', {
			seq: free(fc.oneof(fc.nat(5).map(String), junkText)),
			ground: free(fc.oneof(fc.constant('Không đạt chỉ tiêu vi sinh'), junkText)),
			number: free(),
			decidedOn: date,
			signer: required(someText),
			signerTitle: required(someText)
		}),
		'action /office/decisions/[id] ?/complaint': decision('complaint', {
			complainant: required(someText),
			receivedOn: date,
			content: required(someText)
		}),
		'action /office/decisions/[id] ?/complaintUpdate': decision('complaintUpdate', {
			complaintId: free(fc.oneof(fc.constant('c-none'), junkText)),
			status: free(fc.oneof(fc.constant('handling'), junkText)),
			resolution: free(),
			resolvedOn: free(fc.oneof(isoDate, junkText, impossibleDate))
		}),
		// The fixture's council has no ready re-evaluation: no round can open.
		'action /office/councils/[id]/written ?/default': {
			as: 'secretary',
			expect: 'failure',
			cases: onTarget(
				'/office/councils/{id}/written',
				[f.councilId],
				{
					title: required(someText),
					roundId: free(),
					opensOn: date,
					closesOn: date,
					dossierId: free(fc.oneof(fc.constant(f.dossierId), junkText))
				},
				ids,
				true
			)
		},
		'action /producer/renew ?/default': {
			as: 'producer',
			expect: 'failure',
			cases: post(
				fc.oneof(
					fc.constant('/producer/renew'),
					junkParam(ids).map(() => '/producer/renew')
				),
				form(
					{
						seq: free(fc.oneof(fc.nat(1000).map(String), junkText)),
						sampleCount: free(fc.oneof(fc.constant('1'), junkText))
					},
					false
				)
			)
		}
	};
}
