import { databaseFileOf } from '$lib/server/chain-head';
import { appContext } from '$lib/server/context';
import { loadSigningKey } from '$lib/server/signing';
import type { RequestHandler } from './$types';

/**
 * The issuing body's public key at a stable address: `ocop verify --key <this URL>` checks that
 * a bundle was signed by this deployment. Public on purpose, like the results it vouches for.
 */
export const GET: RequestHandler = () => {
	const { db } = appContext();
	const key = loadSigningKey(databaseFileOf(db));
	return new Response(key.publicPem, {
		headers: {
			'content-type': 'application/x-pem-file; charset=utf-8',
			'content-disposition': 'inline; filename="ocop-signing-key.pem"',
			'cache-control': 'public, max-age=300'
		}
	});
};
