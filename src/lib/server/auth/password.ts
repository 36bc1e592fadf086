import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** The i18n key of the first problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) return 'password.tooShort';
	if (password.length > PASSWORD_MAX_LENGTH) return 'password.tooLong';
	if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()))
		return 'password.containsEmail';
	return null;
}

/** A hash of a random password, verified against when the email is unknown (equal timing). */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(crypto.randomUUID());
	return decoy;
}
