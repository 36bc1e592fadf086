// What a render worker is asked to do: plain, cloneable data gathered on the main thread (the
// database stays there), turned into a finished, signed PDF by pdfkit off the event loop.

import { getRubric } from '../../domain/rubrics';
import type { LockedCard, LockedRecord } from '../../domain/result-record';
import type { ResultDetail } from '../results/detail';
import { certificatePdf, type CertificateInput } from './certificate';
import { decisionPdf, type DecisionInput } from './decision';
import {
	communeReportPdf,
	registrationFormPdf,
	selfAssessmentPdf,
	type CommuneReport,
	type FiledDossier,
	type SelfAssessment
} from './filed-forms';
import { minutesPdf, type MinutesInput } from './minutes';
import { noticePdf, type NoticeInput } from './notice';
import { ministryLetterPdf, type MinistryLetterInput } from './ministry-letter';
import { evaluationReportPdf, type ReportFrame } from './report';
import { scoreSheetPdf, type SheetContext } from './score-sheet';
import { useDocumentSigner, type DocumentSigner } from './signing';

export type RenderJob =
	| { kind: 'report'; detail: ResultDetail; frame: ReportFrame; at: number }
	| { kind: 'sheet'; record: LockedRecord; card: LockedCard; header: SheetContext }
	| { kind: 'minutes'; input: MinutesInput; at: number }
	| { kind: 'decision'; input: DecisionInput }
	| { kind: 'certificate'; input: CertificateInput }
	| { kind: 'notice'; input: NoticeInput }
	| { kind: 'form-01'; dossier: FiledDossier }
	| { kind: 'form-02'; dossier: FiledDossier; self: SelfAssessment }
	| { kind: 'form-03'; dossier: FiledDossier; review: CommuneReport }
	| { kind: 'ministry-letter'; input: MinistryLetterInput };

/**
 * Renders one job. The signer travels with the job because tests and the demo set it on the main
 * thread (useDocumentSigner), and a worker renders one job at a time, so setting it here is safe.
 */
export function renderJob(job: RenderJob, signer: DocumentSigner | null): Promise<Buffer> {
	useDocumentSigner(signer && { ...signer, p12: Buffer.from(signer.p12) });
	switch (job.kind) {
		case 'report':
			return evaluationReportPdf(job.detail, job.frame, job.at);
		case 'sheet':
			return scoreSheetPdf(
				getRubric(job.record.rubricVersion, job.record.productSetNo),
				job.record,
				job.card,
				job.header
			);
		case 'minutes':
			return minutesPdf(job.input, job.at);
		case 'decision':
			return decisionPdf(job.input);
		case 'certificate':
			return certificatePdf(job.input);
		case 'notice':
			return noticePdf(job.input);
		case 'form-01':
			return registrationFormPdf(job.dossier);
		case 'form-02':
			return selfAssessmentPdf(
				job.dossier,
				job.self,
				getRubric(job.dossier.product.rubricVersion, job.dossier.product.setNo)
			);
		case 'form-03':
			return communeReportPdf(job.dossier, job.review);
		case 'ministry-letter':
			return ministryLetterPdf(job.input);
	}
}
