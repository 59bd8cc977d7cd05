import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {onTestFinished} from 'vitest';

export type TempRoot = {
	dir: string;
	write(relative: string, text: string): string;
	remove(): void;
};

/** An empty folder for the current test, removed when the test ends. */
export function scratchDir(prefix = 'sage-test-'): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	onTestFinished(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

/** A throwaway sage-console root: config/, jobs/ (as ES modules), data/, logs/. */
export function makeTempRoot(files: Record<string, string> = {}, parent = tmpdir()): TempRoot {
	mkdirSync(parent, {recursive: true});
	const dir = mkdtempSync(path.join(parent, 'sage-test-'));
	const write = (relative: string, text: string) => {
		const file = path.join(dir, relative);
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, text);
		return file;
	};

	write('package.json', '{"type": "module"}\n');
	for (const [relative, text] of Object.entries(files)) {
		write(relative, text);
	}

	return {dir, write, remove: () => rmSync(dir, {recursive: true, force: true})};
}

/** A root for the current test with one manual command job, `bars`, removed when the test ends: its folder. */
export function oneManualJobRoot(): string {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
	onTestFinished(() => {
		root.remove();
	});
	return root.dir;
}

/** Job modules the tests use, each a real misbehaviour or a real piece of work. */
export const testJobs = {
	'jobs/ok.ts': `export default async function run(ctx: any) {
	for (let i = 1; i <= 4; i++) { ctx.log.info({i}, 'step'); ctx.progress(i / 4, 'step ' + i); await new Promise(r => setTimeout(r, 20)); }
	return {rows: 4, params: ctx.params, tradeDate: ctx.tradeDate, attempt: ctx.attempt};
}\n`,
	'jobs/sleep.ts': `export default async function run(ctx: any) {
	const ms = Number(ctx.params.ms ?? 500);
	await new Promise((resolve) => { const t = setTimeout(resolve, ms); ctx.signal.addEventListener('abort', () => { clearTimeout(t); resolve(undefined); }); });
	return {slept: ms};
}\n`,
	'jobs/throws.ts': `class DataFeedError extends Error { name = 'DataFeedError'; }
function fetchBars() { throw new DataFeedError('feed returned 502 for 600519.SH'); }
export default async function run() { fetchBars(); }\n`,
	'jobs/rejects.ts': 'export default async function run() { await Promise.reject(new RangeError(\'bad range\')); }\n',
	'jobs/spin.ts': 'export default function run() { for (;;) {} }\n',
	'jobs/exits.ts': 'export default function run() { process.exit(3); }\n',
	'jobs/hangs.ts': 'export default function run() { return new Promise(() => {}); }\n',
	'jobs/syntax-error.ts': 'export default function run( { return 1 }\n',
	'jobs/missing-import.ts': "import {nothing} from './does-not-exist.js';\nexport default function run() { return nothing; }\n",
	'jobs/class-job.ts': 'export default class Job { async execute(ctx: any) { return {kind: \'class\', id: ctx.jobId}; } }\n',
	'jobs/object-job.ts': 'export default { execute(ctx: any) { return {kind: \'object\', id: ctx.jobId}; } };\n',
	'jobs/hog.ts': 'export default function run() { const keep: unknown[] = []; for (;;) keep.push(new Array(1e5).fill(Math.random())); }\n',
	'jobs/chatty.ts': 'export default function run() { const line = \'x\'.repeat(1000); for (let i = 0; i < 5000; i++) console.log(i + line); return {lines: 5000}; }\n',
};
