// How this project starts Debian's Chromium headless, for the bench's browsers (Lighthouse,
// first-layout.js) and the end-to-end tests (tests/helpers/browser.ts): no sandbox (root in a
// container), no GPU, and none of the background traffic that would share the machine with
// what is measured (QUIC, component updates, sync).
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
