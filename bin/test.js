#!/usr/bin/env node
// `npm test`: format, lint, type check, build, unit and integration tests, then the end-to-end
// tests in Chromium. Every step runs even when an earlier one fails, so one run shows everything;
// the last line is `N passed, N failed` (static checks count as one test each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];
mkdirSync('test-results', { recursive: true });

function run(name, cmd, args, env = {}) {
	console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
	const started = Date.now();
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	const ok = r.status === 0;
	console.log(`${ok ? '✔' : '✘'} ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
	return ok;
}

function check(name, cmd, args) {
	const ok = run(name, cmd, args);
	results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

function vitest(name, projects, file) {
	rmSync(file, { force: true });
	const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p])];
	args.push('--reporter=default', '--reporter=json', `--outputFile.json=${file}`);
	const ok = run(name, 'npx', args);
	if (!existsSync(file)) {
		results.push({ name, passed: 0, failed: 1 });
		return;
	}
	const report = JSON.parse(readFileSync(file, 'utf8'));
	// A file that fails to load has no tests; count it as a failure so it cannot pass silently.
	const brokenFiles = report.testResults.filter(
		(f) => f.status === 'failed' && f.assertionResults.length === 0
	).length;
	const failed = report.numFailedTests + brokenFiles + (ok || report.numFailedTests ? 0 : 1);
	const failures = report.testResults.flatMap((f) => {
		const file = f.name.replace(process.cwd() + '/', '');
		const tests = f.assertionResults.filter((t) => t.status === 'failed');
		if (tests.length === 0 && f.status === 'failed')
			return [{ file, title: '(file)', why: f.message }];
		return tests.map((t) => ({ file, title: t.fullName, why: t.failureMessages?.[0] }));
	});
	results.push({ name, passed: report.numPassedTests, failed, failures });
	// Where the time goes: the five slowest files (files run in parallel, so they overlap).
	const slowest = report.testResults
		.map((f) => ({ file: f.name.replace(process.cwd() + '/', ''), ms: f.endTime - f.startTime }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, 5);
	console.log(`Slowest files of ${name}:`);
	for (const f of slowest) console.log(`  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.file}`);
}

const only = process.argv[2];
if (!only || only === 'static') {
	check('format', 'npx', ['prettier', '--check', '.']);
	check('lint', 'npx', ['eslint', '.']);
	check('types', 'npm', ['run', '--silent', 'check']);
}
// Some integration tests (crash safety) and every end-to-end test run the built server.
const built = run('build', 'npx', ['vite', 'build']);
results.push({ name: 'build', passed: built ? 1 : 0, failed: built ? 0 : 1 });
if (!only || only === 'fast')
	vitest('unit + integration', ['unit', 'integration'], 'test-results/fast.json');
if ((!only || only === 'e2e') && built) vitest('end-to-end', ['e2e'], 'test-results/e2e.json');

// The failures again, last, so the tail of a long log names them.
for (const r of results)
	for (const f of r.failures ?? []) {
		const why = String(f.why ?? '')
			.split('\n')
			.slice(0, 6)
			.join('\n      ');
		console.log(`\n✘ ${r.name}: ${f.file} > ${f.title}\n      ${why}`);
	}
console.log('\nSummary');
for (const r of results)
	console.log(`  ${r.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
