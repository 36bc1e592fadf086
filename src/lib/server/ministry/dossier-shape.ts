// The dossier part of a candidate package (dossier/dossier.json), as the central level accepts
// it: every field bounded and typed, file paths only where the province's writer puts them.

import { z } from 'zod';
import { GENDERS, ORGANIZATION_KINDS, REGISTRATION_KINDS } from '../../domain/organization';
import { FILE_KINDS } from '../db/schema';

const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => text(max).nullable();

export const dossierShape = z.object({
	organization: z.object({
		name: text(300).min(1),
		kind: z.enum(ORGANIZATION_KINDS),
		registrationNo: nullableText(100),
		representative: nullableText(200),
		representativeGender: z.enum(GENDERS).nullable(),
		representativeEthnicity: nullableText(100),
		address: nullableText(500),
		province: nullableText(200),
		commune: nullableText(200)
	}),
	product: z.object({
		name: text(300).min(1),
		rubricVersion: text(50),
		productSetNo: z.number().int()
	}),
	dossier: z.object({
		version: z.number().int().positive(),
		registrationKind: z.enum(REGISTRATION_KINDS),
		sampleCount: z.number().int().positive().max(1000),
		commune: nullableText(200)
	}),
	selfAssessment: z.record(z.string().max(20), z.number().int().min(-1).max(20)),
	communeReview: z
		.object({
			rawMaterial: text(5000),
			labour: text(5000),
			ideaOrigin: text(5000),
			identity: text(5000),
			proposal: text(5000),
			decision: z.enum(['forward', 'return']).nullable()
		})
		.nullable(),
	files: z
		.array(
			z.object({
				path: z.string().regex(/^dossier\/files\/[0-9]{2,3}\.(pdf|jpg|png|webp)$/),
				kind: z.enum(FILE_KINDS),
				leafCode: nullableText(20),
				name: text(300),
				mime: text(100)
			})
		)
		.max(100)
});

export type PackedDossier = z.infer<typeof dossierShape>;
