/**
 * The HTTP API lives on a thread of its own: it answers while the scheduler's thread is busy, and a
 * crash of its thread leaves the scheduler firing, with the crash in the log and a notice in `status
 * --json`, and the API started again once. The scheduler here runs on the test's own thread (as
 * `--headless` runs it on its main thread), so busying this thread busies the scheduler.
 */
import {spawn} from 'node:child_process';
import {Worker} from 'node:worker_threads';
import {afterEach, describe, expect, it} from 'vitest';
import {currentCliArgs} from '../helpers/current-cli.js';
import {api, apiJobs} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';
import {waitFor} from '../helpers/wait-for.js';

const cleanups: ApiHost[] = [];

afterEach(async () => {
	for (const host of cleanups.splice(0)) {
		await host.close();
	}
});

type Answer = {path: string; at: number; status: number};

/**
 * A client on another thread: asks for /v1/health every 40 ms, and for /v1/status once `busy[0]` is
 * set; `asking` settles once its first answer came (a thread's start on a loaded box can take a
 * while), and `answers`, `forMs` after that, with every answer and the wall-clock time it arrived.
 */
function clientThread(url: string, busy: Int32Array, forMs: number): {asking: Promise<void>; answers: Promise<Answer[]>} {
	const code = `
const {parentPort, workerData: {url, busy, forMs}} = require('node:worker_threads');
const answers = [];
const ask = async path => {
	const response = await fetch(url + path);
	await response.arrayBuffer();
	answers.push({path, at: Date.now(), status: response.status});
};
(async () => {
	await ask('/v1/health');
	parentPort.postMessage('asking');
	const end = Date.now() + forMs;
	let statusAsked;
	while (Date.now() < end) {
		if (!statusAsked && Atomics.load(busy, 0) === 1) {
			statusAsked = ask('/v1/status');
		}
		await ask('/v1/health');
		await new Promise(resolve => setTimeout(resolve, 40));
	}
	await statusAsked;
	parentPort.postMessage(answers);
})();
`;
	const worker = new Worker(code, {eval: true, workerData: {url, busy, forMs}});
	let resolveAsking: () => void;
	const asking = new Promise<void>(resolve => {
		resolveAsking = resolve;
	});
	const answers = new Promise<Answer[]>((resolve, reject) => {
		worker.on('message', (message: 'asking' | Answer[]) => {
			if (message === 'asking') {
				resolveAsking();
				return;
			}

			resolve(message);
			void worker.terminate();
		});
		worker.once('error', reject);
	});
	return {asking, answers};
}

function spin(ms: number): void {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		// The scheduler's thread does nothing else meanwhile: no timer, no protocol request.
	}
}

describe('the API on its own thread', () => {
	it('answers /v1/health while the scheduler\'s thread is busy; a route that asks the scheduler waits for it', async () => {
		const h = await startApiHost(apiJobs);
		cleanups.push(h);
		const busy = new Int32Array(new SharedArrayBuffer(4));
		// Long enough for a few answers inside the busy time even on a loaded box (one every 40 ms idle).
		const client = clientThread(h.url, busy, 4500);
		// The client thread is up and asking (waited for: a fixed 800 ms did not promise it on a loaded box).
		await client.asking;
		const busyFrom = Date.now();
		Atomics.store(busy, 0, 1);
		spin(2500);
		const busyTo = Date.now();
		const all = await client.answers;
		const whileBusy = all.filter(answer => answer.path === '/v1/health' && answer.at > busyFrom + 200 && answer.at < busyTo - 100);
		expect(whileBusy.length).toBeGreaterThanOrEqual(5);
		expect(whileBusy.every(answer => answer.status === 200)).toBe(true);
		// The snapshot is the scheduler's to give: it came once the thread was free.
		const status = all.find(answer => answer.path === '/v1/status')!;
		expect(status).toMatchObject({status: 200});
		expect(status.at).toBeGreaterThanOrEqual(busyTo - 5);
	});

	it('says not ok (503, with why) once the scheduler\'s thread has not answered for health_timeout, and ok again when it does', async () => {
		const h = await startApiHost(apiJobs.replace('http:\n', 'http:\n  health_timeout: 2s\n'));
		cleanups.push(h);
		expect(await api(h.url, 'GET', '/v1/health')).toMatchObject({status: 200, body: {ok: true, answering: true}});
		const busy = new Int32Array(new SharedArrayBuffer(4));
		// Asking until 3 s after the silence: a few answers in each part even on a loaded box.
		const client = clientThread(h.url, busy, 10_000);
		await client.asking;
		const busyFrom = Date.now();
		// Stuck, as on a hung file system: no timer, no request is served on this thread meanwhile.
		spin(6000);
		const busyTo = Date.now();
		const all = (await client.answers).filter(answer => answer.path === '/v1/health');
		// A ping sent up to 1 s into the silence, plus the 2 s timeout.
		const late = all.filter(answer => answer.at > busyFrom + 3300 && answer.at < busyTo - 100);
		expect(late.length).toBeGreaterThanOrEqual(5);
		expect(late.every(answer => answer.status === 503)).toBe(true);
		const before = all.filter(answer => answer.at < busyFrom - 100);
		expect(before.every(answer => answer.status === 200)).toBe(true);
		const after = all.filter(answer => answer.at > busyTo + 500);
		expect(after.length).toBeGreaterThanOrEqual(3);
		expect(after.every(answer => answer.status === 200)).toBe(true);
		const stuck = await new Promise<{status: number; body: unknown}>(resolve => {
			// Asked once more while stuck, to read the answer's words.
			const worker = new Worker(`const {parentPort, workerData} = require('node:worker_threads'); setTimeout(async () => { const r = await fetch(workerData + '/v1/health'); parentPort.postMessage({status: r.status, body: await r.json()}); }, 3300);`, {eval: true, workerData: h.url});
			worker.once('message', answer => {
				resolve(answer as {status: number; body: unknown});
				void worker.terminate();
			});
			spin(5500);
		});
		expect(stuck).toMatchObject({status: 503, body: {ok: false, answering: false, problem: expect.stringMatching(/^the scheduler's thread has not answered for \d+ s$/)}});
	});

	it('a crash of the API\'s thread: the scheduler fires on, the crash is noticed, the API comes back once', async () => {
		const h = await startApiHost(apiJobs.replace('jobs:\n', 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"], concurrency: allow}\n'));
		cleanups.push(h);
		const ticks = () => h.host.scheduler.snapshot().jobs.find(job => job.id === 'tick')!.lastRun?.id ?? 0;
		const first = h.host.apiThread!;
		await first.terminate();
		expect(h.host.apiUrl).toBeUndefined();
		expect(h.host.scheduler.snapshot().notices.join('\n')).toMatch(/HTTP API thread crashed \(the thread ended \(exit code 1\)\); starting it again in 1 s/);
		const afterCrash = ticks();
		// Started again after its pause, on a new thread (port 0: a new port).
		await waitFor(() => h.host.apiUrl !== undefined, 10_000);
		expect(h.host.apiThread!.threadId).not.toBe(first.threadId);
		expect((await api(h.host.apiUrl!, 'GET', '/v1/health')).body).toMatchObject({ok: true});
		expect(h.host.scheduler.snapshot().notices.join('\n')).not.toContain('HTTP API');
		expect(ticks()).toBeGreaterThan(afterCrash);

		// A second crash leaves it off, said so where the operator looks; the scheduler fires on.
		await h.host.apiThread!.terminate();
		const afterSecond = ticks();
		await waitFor(() => ticks() > afterSecond + 1, 10_000);
		// Asked as the operator asks, from another process (not spawnSync: this thread is the scheduler's).
		const status = await statusJson(h.root.dir);
		expect(status.code).toBe(0);
		const notices = (JSON.parse(status.stdout) as {notices: string[]}).notices;
		expect(notices).toContainEqual(expect.stringMatching(/^HTTP API off: its thread crashed twice \(/));
		expect(h.host.apiUrl).toBeUndefined();
	}, 90_000);
});

async function statusJson(root: string): Promise<{code: number | null; stdout: string}> {
	const child = spawn(process.execPath, [...currentCliArgs(), '--root', root, 'status', '--json'], {stdio: ['ignore', 'pipe', 'inherit']});
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('exit', resolve);
	});
	return {code, stdout};
}
