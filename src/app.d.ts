import type { Session, SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/i18n';
import type { LiveEffects } from '$lib/server/live-effects';
import type { PdfRenderer } from '$lib/server/documents/render-pool';
import type { IncomingMessage } from 'node:http';
import type { SittingRole } from '$lib/protocol/meeting-events';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			user: SessionUser | null;
			session: Session | null;
			/** The realtime server, for form actions whose change it must act on at once. */
			live: LiveEffects;
			/** The render pool the entry point made (app-services.ts). */
			pdf: PdfRenderer;
		}
		/** adapter-node's: the Node request, carrying the services (app-services.ts). */
		interface Platform {
			req?: IncomingMessage;
		}
		interface Error {
			message: string;
			/** Set for unexpected errors, so the person can quote it and the log can be searched. */
			errorId?: string;
			/** An i18n key for expected errors (403, 404, ...). */
			key?: string;
		}
		/** Shallow routing: the sitting page shows the scorecard or the board as a panel. */
		interface PageState {
			panel?: { kind: 'score' | 'board'; href: string; data: Record<string, unknown> };
		}
		interface PageData {
			locale: Locale;
			user: SessionUser | null;
			/** On a sitting's page: the person's seat there, which the header names. */
			seat?: SittingRole;
		}
	}
}

export {};
