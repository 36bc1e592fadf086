/** Account kinds. Per-council roles (chair, secretary, ...) belong to council membership. */
export const ACCOUNT_ROLES = ['admin', 'office', 'member', 'producer', 'commune'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export function isAccountRole(value: unknown): value is AccountRole {
	return typeof value === 'string' && (ACCOUNT_ROLES as readonly string[]).includes(value);
}

/** Where each account kind lands after signing in. */
export const HOME_OF: Record<AccountRole, string> = {
	admin: '/admin',
	office: '/office',
	member: '/member',
	producer: '/producer',
	commune: '/commune'
};
