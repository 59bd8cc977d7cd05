/**
 * `GET /v1/runs/ID/log?follow=1` of a service run goes on following when the service's output file
 * rotates under it (copy-then-truncate at log_max_size), as `tail -F` does and `sage-console logs RUN
 * --follow` does, and streams that run's lines only, to its end. A real scheduling host, a real service.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from '../supervisor/service-host.js';
import {api, asController, asReader, tokens} from './api-fixtures.js';

const startHost = trackServiceHosts();

// Writes a line, then 40 of them (over log_max_size) once `grow` exists, then one more once `more` exists.
const feedScript = `#!/bin/sh
n=$(cat count 2>/dev/null || echo 0)
n=$((n+1))
echo $n > count
echo "session $n: loading"
while [ ! -f grow ]; do sleep 0.2; done
i=1
while [ $i -le 40 ]; do echo "session $n: bulk line $i ${'.'.repeat(60)}"; i=$((i+1)); done
while [ ! -f more ]; do sleep 0.2; done
echo "session $n: after rotation"
while :; do sleep 1; done
`;
const bulk = (session: number) => Array.from({length: 40}, (_, index) => `session ${session}: bulk line ${index + 1} ${'.'.repeat(60)}`);

describe('a service run\'s log followed over HTTP across a rotation', () => {
	it('reads on into the rotated file and the new one, up to the run\'s end only', async () => {
		process.env.SAGE_API_TOKENS = tokens;
		const root = makeTempRoot({'feed.sh': feedScript});
		const t = await startHost(`http:
  listen: "127.0.0.1:0"
services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"], cwd: ${root.dir}, stop_timeout: 3s, log_max_size: 2kb, log_keep: 2}
`, {at: '2026-11-20T10:00:00+08:00', root});
		delete process.env.SAGE_API_TOKENS;
		const base = t.host.apiUrl!;
		const log = path.join(root.dir, 'logs/services/feed.log');
		await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('session 1: loading'), 20_000, 'the service\'s first line');
		const [runId] = (await t.runs('feed')).map(run => run.id);

		const response = await fetch(`${base}/v1/runs/${runId}/log?follow=1`, {headers: asReader});
		const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
		let streamed = '';
		const readUntil = async (text: string) => {
			while (!streamed.includes(text)) {
				const {value, done} = await reader.read();
				expect(done).toBe(false);
				streamed += value;
			}
		};

		await readUntil('session 1: loading');
		// Given the file rotated under the follower (it was over 2 KiB), when the service writes on:
		writeFileSync(path.join(root.dir, 'grow'), '');
		await waitFor(() => existsSync(`${log}.1`) && readFileSync(`${log}.1`, 'utf8').includes('session 1: bulk line 40'), 20_000, 'the rotation');
		writeFileSync(path.join(root.dir, 'more'), '');
		// Then the stream carries the line written after the rotation, and (once restarted) not the next run's.
		await readUntil('session 1: after rotation');
		expect((await api(base, 'POST', '/v1/services/feed/restart', {headers: asController})).status).toBe(200);
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
			streamed += chunk.value;
		}

		await waitFor(() => readFileSync(log, 'utf8').includes('session 2: after rotation'), 20_000, 'session 2');
		const lines = streamed.split('\n').filter(line => line !== '');
		expect(lines.filter(line => line.startsWith('session '))).toEqual(['session 1: loading', ...bulk(1), 'session 1: after rotation']);
		expect(lines.at(-1)).toMatch(new RegExp(`^--- sage-console: run ${runId} of feed ended`));
	}, 90_000);
});
