import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../src/lib/server/config';
import { signUnheadedTip } from '../src/lib/server/chain-head';
import { appContext } from '../src/lib/server/context';
import { startBackgroundWork } from '../src/lib/server/background';
import { RubricError } from '../src/lib/domain/rubric';
import { validateAllRubrics } from '../src/lib/domain/rubrics';
import { startAppServer } from './app-server';
import { routeClientAddress } from './client-address';
import { startCheckpointer } from './checkpointer';
import { documentSigner } from '../src/lib/server/documents/signing';
import { RenderPool, poolOptions, signedRenderer } from '../src/lib/server/documents/render-pool';
import { lowerHelperThreads } from './render-priority.js';

/** Production entry: `npm start` after `npm run build`. */
async function main(): Promise<void> {
	let ctx;
	try {
		ctx = appContext();
		validateAllRubrics();
		signUnheadedTip(ctx.db, ctx.now());
		// Before the handler loads: it reads the variables once, at import.
		routeClientAddress();
	} catch (e) {
		if (e instanceof ConfigError || e instanceof RubricError) {
			console.error(`Cannot start: ${e.message}`);
			process.exit(1);
		}
		throw e;
	}
	// Before any thread of the app's own: the event loop comes first on a small server (when
	// none of V8's threads collects garbage, i.e. with the one-core flags of README "Scaling out").
	lowerHelperThreads(ctx.config.documents.renderNice);
	try {
		// Read (or, for the demo, made) now rather than on the event loop at the first download.
		documentSigner();
	} catch (e) {
		console.error(`Cannot start: DOCUMENT_P12: ${(e as Error).message}`);
		process.exit(1);
	}
	const handlerFile = resolve(process.cwd(), process.env.BUILD_DIR ?? 'build', 'handler.js');
	if (!existsSync(handlerFile)) {
		console.error('Cannot start: build/handler.js is missing. Run `npm run build` first.');
		process.exit(1);
	}
	// adapter-node derives request origins from ORIGIN (else it assumes https and form posts fail
	// the CSRF check); give it the validated value, including the development default.
	process.env.ORIGIN = ctx.config.origin;
	// Evidence uploads carry files up to the per-file limit (uploads/limits.ts) plus the form;
	// adapter-node's default cap of 512 kB would refuse them before our own checks could answer.
	process.env.BODY_SIZE_LIMIT ??= String(11 * 1024 * 1024);
	// The document routes render with this pool: app-server.ts hands it to SvelteKit with each
	// request (app-services.ts), so the bundle never starts a pool of its own.
	// While sittings are live, renders take at most their configured share of a core.
	let liveDocuments = () => 0;
	const pdfPool = new RenderPool(
		poolOptions(
			ctx.config.documents,
			new URL('./pdf-worker.js', import.meta.url),
			() => liveDocuments() > 0
		)
	);
	const { handler } = await import(pathToFileURL(handlerFile).href);
	// The checkpoint thread below does every checkpoint of the file, the bundle's too.
	const server = await startAppServer(ctx, {
		app: { handler, pdf: signedRenderer(pdfPool), walCheckpointer: true }
	});
	liveDocuments = () => server.realtime.hub.openDocuments;
	const checkpointer = startCheckpointer(
		ctx.db.$client,
		ctx.config.databaseUrl,
		ctx.config.walCheckpointMs
	);
	// The realtime side's outbox (its commands notify too) and the written rounds' settling.
	const background = startBackgroundWork(ctx);
	console.log(`OCOP council app listening on ${ctx.config.origin} (port ${ctx.config.port})`);

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: closing connections and the database`);
		const force = setTimeout(() => process.exit(1), 10_000);
		force.unref();
		await server.close();
		background.stop();
		await checkpointer.stop();
		await pdfPool.close();
		ctx.db.$client.close();
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
