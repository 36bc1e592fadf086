#!/usr/bin/env node
// `npm run demo`: seed the demo data once, print the logins, then start the built app.
import { register } from 'tsx/esm/api';

register();
// The demo signs its documents with a self-signed certificate made at start (PAdES); a real
// office sets DOCUMENT_P12 to its own .p12 file.
process.env.DOCUMENT_P12 ??= 'demo';
const { appContext } = await import('../src/lib/server/context.ts');
const { seedDemo, DEMO_PASSWORD } = await import('../src/lib/server/seed/demo.ts');
const ctx = appContext();
const logins = await seedDemo(ctx.db, Date.now());
console.log('\nDemo logins (password for all: %s)', DEMO_PASSWORD);
for (const l of logins) console.log(`  ${l.email.padEnd(26)} ${l.note}`);
console.log(`\nOpen ${ctx.config.origin}\n`);
await import('../server/main.ts');
