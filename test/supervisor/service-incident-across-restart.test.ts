/**
 * An incident (a service's crash episode, alerted) outlives a restart of the scheduler: it is kept in
 * the database, so the next scheduler does not tell a crash in the same window as news again, and does
 * tell the recovery that closes it. It was kept in memory only: after a restart the next crash was
 * alerted as a new incident, and the `service-recovered` of the one alerted before never came. A real
 * scheduling host on a fixed clock (closed and opened again on the same root and SQLite file), real
 * processes, a real local receiver for the webhook's alerts.
 */
import {beforeEach, describe, expect, it} from 'vitest';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';
import {startServiceHost, trackServiceHosts, type ServiceHost} from './service-host.js';

const startHost = trackServiceHosts();
const startReceiver = trackLocalReceivers();
const serviceProcesses = trackServiceProcesses();
let receiver: LocalReceiver;
let url: string;

beforeEach(async () => {
	({receiver, url} = await startReceiver());
});

type Alert = {event: string; service: {id: string}; runId: number};

const alerts = () => receiver.received.map(request => JSON.parse(request.body) as Alert);

/** A feed that crashes on its first `crashes` starts (counted in a file under the root), then stays up. */
function feedRoot(crashes: number): TempRoot {
	const root = makeTempRoot({'feed.sh': `#!/bin/sh
n=$(cat starts 2>/dev/null || echo 0); n=$((n + 1)); echo $n > starts
if [ $n -le ${crashes} ]; then echo "feed: connection refused (start $n)" >&2; exit 1; fi
echo "feed subscribed"
while :; do sleep 1; done
`});
	root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
	serviceProcesses.watch(root.dir);
	return root;
}

const feedYaml = (root: TempRoot) => `timezone: Asia/Shanghai
services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    cwd: ${root.dir}
    window: "10:00-11:00"
    restart_delay: 5s
    min_uptime: 30s
`;

/** The scheduler started again on the same root (and database), as after a SIGTERM and a new start. */
async function restarted(first: ServiceHost, at: string, body: (again: ServiceHost) => Promise<void>): Promise<void> {
	await first.close();
	const again = await startServiceHost(feedYaml(first.root), {at, root: first.root});
	try {
		await body(again);
	} finally {
		await again.close();
	}
}

describe('an open incident across a scheduler restart', () => {
	it('a crash after the restart in the same window is not told again, and the recovery is told', async () => {
		const root = feedRoot(2);
		const t = await startHost(feedYaml(root), {at: '2026-11-20T10:00:00+08:00', root});
		await waitFor(() => alerts()[0], 10_000, 'the alert of the first crash');
		await t.state('feed', 'backoff');

		await restarted(t, '2026-11-20T10:01:00+08:00', async again => {
			// Its second crash (the restarted scheduler's first start), then its third start stays up.
			const backoff = await again.state('feed', 'backoff');
			again.clock.advance(backoff.nextStartAt! - again.clock.now());
			const up = await again.state('feed', 'up');
			again.clock.advance(30_000);
			await waitFor(() => alerts().find(alert => alert.event === 'service-recovered'), 10_000, 'the recovery');
			expect(alerts().map(alert => alert.event)).toEqual(['service-exited', 'service-recovered']);
			expect(alerts()[1]!.runId).toBe(up.runId);
			const runs = await again.runs('feed');
			expect(runs.map(run => run.status)).toEqual(['failed', 'failed', 'running']);
		});
	});

	it('an incident left open by the scheduler before is told recovered once the service stays up', async () => {
		const root = feedRoot(1);
		const t = await startHost(feedYaml(root), {at: '2026-11-20T10:00:00+08:00', root});
		await waitFor(() => alerts()[0], 10_000, 'the alert of the crash');
		await t.state('feed', 'backoff');

		await restarted(t, '2026-11-20T10:01:00+08:00', async again => {
			await again.state('feed', 'up');
			again.clock.advance(30_000);
			await waitFor(() => alerts()[1], 10_000, 'the recovery');
			expect(alerts().map(alert => alert.event)).toEqual(['service-exited', 'service-recovered']);
		});
	});

	it('the next window\'s first crash after a restart is news, the incident of the window before still open', async () => {
		const root = feedRoot(2);
		const t = await startHost(feedYaml(root), {at: '2026-11-19T10:59:50+08:00', root});
		await waitFor(() => alerts()[0], 10_000, 'the alert of yesterday\'s crash');
		await t.state('feed', 'backoff');

		await restarted(t, '2026-11-20T10:00:00+08:00', async again => {
			await waitFor(() => alerts()[1], 10_000, 'the alert of today\'s crash');
			const backoff = await again.state('feed', 'backoff');
			again.clock.advance(backoff.nextStartAt! - again.clock.now());
			await again.state('feed', 'up');
			again.clock.advance(30_000);
			await waitFor(() => alerts()[2], 10_000, 'the recovery');
			expect(alerts().map(alert => alert.event)).toEqual(['service-exited', 'service-exited', 'service-recovered']);
		});
	});
});
