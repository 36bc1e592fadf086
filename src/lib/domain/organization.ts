/** Chủ thể OCOP kinds, registration kinds (Mẫu 01) and the representative facts of 3.2. */
export const ORGANIZATION_KINDS = [
	'cooperative',
	'cooperative-group',
	'enterprise',
	'farm',
	'household-business'
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const REGISTRATION_KINDS = ['first', 'upgrade', 'reevaluation'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];
