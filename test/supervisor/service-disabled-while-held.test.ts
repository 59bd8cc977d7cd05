/**
 * A service disabled (`enabled: false`) while it is held — `fatal` after a crash loop — is `stopped (disabled)`,
 * as one disabled while up is, and no longer says it is 'held until a manual start' (a manual start of a
 * disabled service is refused); enabled again, it starts in its window. It stayed `fatal (disabled)`
 * with the crash loop's note, and enabled again it stayed fatal.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a fatal service disabled, then enabled again', () => {
	it('is stopped while disabled and starts once enabled', async () => {
		const root = makeTempRoot();
		const config = (enabled: boolean) => `services:
  - id: broker
    command: ["sh", "-c", "echo 'login refused' >&2; exit 2"]
    start_limit: 1
    enabled: ${enabled}
`;
		const t = await startHost(config(true), {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('broker', 'fatal');
		const reload = async (enabled: boolean) => {
			root.write('config/jobs.yaml', config(enabled));
			expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		};

		await reload(false);
		expect(t.view('broker')).toMatchObject({state: 'stopped', enabled: false, note: 'stopped (disabled)'});

		await reload(true);
		await waitFor(() => t.host.store.query({jobId: 'broker', trigger: 'service', limit: 10}).length === 2, 20_000, 'a start once enabled again');
	});
});
