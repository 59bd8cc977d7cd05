/**
 * A service removed from jobs.yaml while it runs is stopped and forgotten: put back later (the edit
 * undone, the same id for a new program), it starts as any added service does. Its stop, once the
 * process was gone, kept it as held (`stopped`, no note) after the removal had dropped its hold, so
 * the service put back stayed stopped with nothing saying why, across scheduler restarts too.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service removed while running, then put back', () => {
	it('starts again', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\nwhile :; do sleep 1; done\n'});
		const feed = `services:\n  - {id: feed, command: ["sh", "${root.dir}/feed.sh"]}\n`;
		const t = await startHost(feed, {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('feed', 'up');
		const reload = async (yaml: string) => {
			root.write('config/jobs.yaml', yaml);
			expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		};

		await reload('services:\n  - {id: other, command: ["sh", "-c", "while :; do sleep 1; done"]}\n');
		await waitFor(() => t.host.store.query({jobId: 'feed', trigger: 'service', limit: 1})[0]?.status === 'success', 20_000, 'the removed service\'s run to end');

		await reload(feed);
		const back = await waitFor(() => {
			const view = t.view('feed');
			return view.state === 'outside-window' ? undefined : view;
		}, 20_000, 'the service put back to start or be held');
		expect([back.state, back.note]).toEqual([expect.stringMatching(/^(starting|up)$/) as string, undefined]);
	});
});
