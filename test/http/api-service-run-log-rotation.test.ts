/**
 * `GET /v1/runs/ID/log?follow=1` of a service run goes on following when the service's output file
 * rotates under it (copy-then-truncate at log_max_size), as `tail -F` does and `sage-console logs RUN
 * --follow` does, and streams that run's lines only, to its end. A real scheduling host, a real service.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {rotatingFeedBulk as bulk, rotatingFeedScript as feedScript} from '../helpers/rotating-feed.js';
import {rotationDone, serviceLogPath, serviceLogShows} from '../helpers/service-log.js';
import {startHostWithApi} from '../helpers/service-host-api.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from '../supervisor/service-host.js';
import {api, asController, asReader} from './api-fixtures.js';

const startHost = trackServiceHosts();

describe('a service run\'s log followed over HTTP across a rotation', () => {
	it('reads on into the rotated file and the new one, up to the run\'s end only', async () => {
		const root = makeTempRoot({'feed.sh': feedScript});
		const {t, base} = await startHostWithApi(startHost, root, `services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"], cwd: ${root.dir}, stop_timeout: 3s, log_max_size: 2kb, log_keep: 2}
`, '2026-11-20T10:00:00+08:00');
		const log = serviceLogPath(root.dir, 'feed');
		await serviceLogShows(root.dir, 'feed', 'session 1: loading', 'the service\'s first line');
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
		await rotationDone(log, 'session 1: bulk line 40');
		writeFileSync(path.join(root.dir, 'more'), '');
		// Then the stream carries the line written after the rotation, and (once restarted) not the next run's.
		await readUntil('session 1: after rotation');
		expect((await api(base, 'POST', '/v1/services/feed/restart', {headers: asController})).status).toBe(200);
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
			streamed += chunk.value;
		}

		await serviceLogShows(root.dir, 'feed', 'session 2: after rotation', 'session 2');
		const lines = streamed.split('\n').filter(line => line !== '');
		expect(lines.filter(line => line.startsWith('session '))).toEqual(['session 1: loading', ...bulk(1), 'session 1: after rotation']);
		expect(lines.at(-1)).toMatch(new RegExp(`^--- sage-console: run ${runId} of feed ended`));
	}, 90_000);
});
