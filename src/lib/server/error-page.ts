import { translator, type Locale } from '../i18n';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page a hook answers with when it refuses a request before any route runs (SvelteKit
 * would otherwise show its bare fallback page). Same words as +error.svelte, no data.
 */
export function refusalResponse(
	request: Request,
	locale: Locale,
	status: 400 | 403 | 405 | 413,
	key = 'errors.forbidden',
	params: Record<string, string | number> = {}
): Response {
	const t = translator(locale);
	const message = t(key, params);
	const headers = { 'cache-control': 'no-store' };
	const wantsJson =
		request.headers.get('x-sveltekit-action') === 'true' ||
		new URL(request.url).pathname.endsWith('/__data.json') ||
		(request.headers.get('accept') ?? '').startsWith('application/json');
	if (wantsJson) {
		return Response.json({ type: 'error', status, error: { message, key } }, { status, headers });
	}
	const title = t(status === 403 ? 'errors.forbiddenTitle' : 'errors.title');
	const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · OCOP</title>
<style>body{font-family:'Noto Sans',Roboto,Arial,sans-serif;background:#f6f7f9;color:#1f2937;margin:0}
header{background:#b91c1c;color:#fff;padding:.75rem 1rem;font-weight:700}
section{max-width:28rem;margin:2rem auto;background:#fff;border:1px solid #d9dde3;border-radius:10px;padding:1rem 1.25rem}</style>
</head><body><header>${escape(t('app.short'))}</header><main><section>
<p>${status}</p><h1>${escape(title)}</h1><p data-testid="error-message">${escape(message)}</p>
<p><a href="/">${escape(t('nav.backHome'))}</a></p></section></main></body></html>`;
	return new Response(html, {
		status,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
	});
}
