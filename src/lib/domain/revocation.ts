// Grounds for revoking an OCOP certificate (thu hồi). RULES.md lists none; these follow the
// grounds the earlier decisions named, and "other" carries the decision's own words.
export const REVOCATION_GROUNDS = [
	'standards',
	'false-dossier',
	'violation',
	'ceased',
	'request',
	'other'
] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];
