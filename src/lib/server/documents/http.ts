/** A generated file as a download; never cached, since access is checked per request. */
export function fileResponse(body: Buffer | string, type: string, name: string): Response {
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
}

export const PDF = 'application/pdf';
