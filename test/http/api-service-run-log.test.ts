/**
 * `GET /v1/runs/ID/log` of a service's run gives that run's lines only, as `sage-console logs RUN` prints
 * them, though all of the service's runs write `logs/services/<id>.log`: read whole, paged with
 * `offset`/`max_bytes`, past its end, followed (`?follow=1`) until it ends, and with its start rotated
 * away. A real scheduling host, a real service restarted over HTTP, real files.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {startServiceHost, type ServiceHost} from '../supervisor/service-host.js';
import {api, asController, asReader, endedRun, tokens} from './api-fixtures.js';

// Each start is a session of its own: a line, 30 longer ones, a last one, then it stays up.
const feedScript = `#!/bin/sh
n=$(cat count 2>/dev/null || echo 0)
n=$((n+1))
echo $n > count
echo "session $n: loading"
i=1
while [ $i -le 30 ]; do echo "session $n: quote $i ${'.'.repeat(50)}"; i=$((i+1)); done
echo "session $n: listening"
while :; do sleep 1; done
`;

const sessionLines = (session: number) => [
	`session ${session}: loading`,
	...Array.from({length: 30}, (_, index) => `session ${session}: quote ${index + 1} ${'.'.repeat(50)}`),
	`session ${session}: listening`,
];
const ownLines = (lines: string[]) => lines.filter(line => line.startsWith('session '));

type Chunk = {lines: string[]; nextOffset: number; finished: boolean; logPath?: string; missing?: string};

let t: ServiceHost;
let base: string;
let log: string;
let first: number;
let second: number;
let third: number;
const logOf = async (runId: number, query = '') => (await api(base, 'GET', `/v1/runs/${runId}/log${query}`, {headers: asReader})).body as Chunk;
const listening = async (session: number) => waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes(`session ${session}: listening`), 20_000, `session ${session}`);

// Given a service started and restarted twice over HTTP: three runs, the last one live.
beforeAll(async () => {
	process.env.SAGE_API_TOKENS = tokens;
	const root = makeTempRoot({'feed.sh': feedScript});
	t = await startServiceHost(`http:
  listen: "127.0.0.1:0"
jobs:
  - {id: ok, trigger: manual, command: ["sh", "-c", "echo hello; echo world"]}
services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"], cwd: ${root.dir}, stop_timeout: 3s}
`, {at: '2026-11-20T10:00:00+08:00', root});
	delete process.env.SAGE_API_TOKENS;
	base = t.host.apiUrl!;
	log = path.join(root.dir, 'logs/services/feed.log');
	await listening(1);
	for (const session of [2, 3]) {
		expect((await api(base, 'POST', '/v1/services/feed/restart', {headers: asController})).status).toBe(200);
		await listening(session);
	}

	[first, second, third] = (await t.runs('feed')).map(run => run.id) as [number, number, number];
}, 60_000);

afterAll(async () => {
	await t.close();
	t.root.remove();
});

describe('a service run\'s log over HTTP', () => {
	it('is that run\'s lines only, between its own marks', async () => {
		const middle = await logOf(second);
		expect(ownLines(middle.lines)).toEqual(sessionLines(2));
		expect(middle.lines[0]).toMatch(new RegExp(`^--- sage-console: run ${second} of feed started`));
		expect(middle.lines.at(-1)).toMatch(new RegExp(`^--- sage-console: run ${second} of feed ended`));
		expect(middle.finished).toBe(true);
		expect(middle.missing).toBeUndefined();
		expect(ownLines((await logOf(third)).lines)).toEqual(sessionLines(3));
		const head = await fetch(`${base}/v1/runs/${second}/log`, {method: 'HEAD', headers: asReader});
		expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(JSON.stringify(middle)));
	});

	it('pages with offset and max_bytes: each page within max_bytes, every line once, finished at the last', async () => {
		const whole = await logOf(second);
		const paged: string[] = [];
		let pages = 0;
		for (let offset = 0; ; pages++) {
			const page = await logOf(second, `?offset=${offset}&max_bytes=1024`);
			expect(page.lines.join('\n').length).toBeLessThanOrEqual(1024);
			paged.push(...page.lines);
			expect(page.nextOffset).toBeGreaterThan(offset);
			offset = page.nextOffset;
			if (page.finished) {
				expect(offset).toBe(Buffer.byteLength(whole.lines.map(line => `${line}\n`).join('')));
				break;
			}
		}

		expect(pages).toBeGreaterThan(1);
		expect(paged).toEqual(whole.lines);
		expect(ownLines(paged)).toEqual(sessionLines(2));
	});

	it('past its end is no lines, read on from the same offset, as a job run\'s log answers', async () => {
		const job = (await api(base, 'POST', '/v1/jobs/ok/run', {headers: asController})).body.runId as number;
		await endedRun(base, job);
		const {logPath: _jobLog, ...pastJob} = await logOf(job, '?offset=9000000');
		const {logPath: _serviceLog, ...pastService} = await logOf(second, '?offset=9000000');
		expect(pastJob).toEqual({lines: [], nextOffset: 9_000_000, finished: true});
		expect(pastService).toEqual(pastJob);
		const {logPath: _liveLog, ...pastLive} = await logOf(third, '?offset=9000000');
		expect(pastLive).toEqual({lines: [], nextOffset: 9_000_000, finished: false});
	});

	it('followed while it runs: its lines until it ends, not the next run\'s', async () => {
		const live = await fetch(`${base}/v1/runs/${third}/log?follow=1`, {headers: asReader});
		const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
		let streamed = '';
		while (!streamed.includes('session 3: listening')) {
			const {value, done} = await reader.read();
			expect(done).toBe(false);
			streamed += value;
		}

		expect((await api(base, 'POST', '/v1/services/feed/restart', {headers: asController})).status).toBe(200);
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
			streamed += chunk.value;
		}

		await listening(4);
		const followed = streamed.split('\n').filter(line => line !== '');
		expect(ownLines(followed)).toEqual(sessionLines(3));
		expect(followed.at(-1)).toMatch(new RegExp(`^--- sage-console: run ${third} of feed ended`));
	});

	it('says when rotation took its start, or all of it, as `logs RUN` says it', async () => {
		expect((await api(base, 'POST', '/v1/services/feed/stop', {headers: asController})).status).toBe(200);
		await t.state('feed', 'stopped');
		// Run 2's start cut off the oldest file kept, run 1 gone.
		const text = readFileSync(log, 'utf8');
		const cut = text.indexOf('session 2: listening');
		const thirdStart = text.indexOf(`--- sage-console: run ${third} of feed started`);
		writeFileSync(`${log}.1`, text.slice(cut, thirdStart));
		writeFileSync(log, text.slice(thirdStart));
		const rotated = await logOf(second);
		expect(rotated.missing).toBe(`the start of run ${second}'s output was rotated away from ${log} (the files kept: 2); its lines still there:`);
		expect(ownLines(rotated.lines)).toEqual(['session 2: listening']);
		const gone = await logOf(first);
		expect(gone).toMatchObject({lines: [], finished: true});
		expect(gone.missing).toMatch(new RegExp(`^run ${first}'s output is no longer in ${log}`));
		const rotatedStream = await (await fetch(`${base}/v1/runs/${second}/log?follow=1`, {headers: asReader})).text();
		expect(rotatedStream.split('\n').slice(0, 2)).toEqual([`(${rotated.missing})`, 'session 2: listening']);
	});
});
