/**
 * An incident (a service's crash, alerted) outlives a kill -9 of the scheduler: the built `sage-console
 * --headless` is killed while the service it restarted is still getting ready, the next one adopts the
 * process, and once it is up and stable for min_uptime the recovery reaches the phone. The incident was
 * kept in memory only, so the scheduler that adopted the service never told it. Real schedulers, a real
 * service process, a real local receiver for the webhook's alerts. The service says it is ready only
 * once the test lets it (a file), so the first scheduler is killed before it could see it stable.
 */
import {beforeEach, describe, expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();
const startReceiver = trackLocalReceivers();
let receiver: LocalReceiver;
let url: string;

beforeEach(async () => {
	({receiver, url} = await startReceiver());
});

type Alert = {event: string; service: {id: string}};
/** The services' alerts (the next scheduler also tells that the one before was down). */
const events = () => receiver.received.map(request => (JSON.parse(request.body) as Alert).event).filter(event => event.startsWith('service-'));

describe('an incident across a kill -9 of the scheduler', () => {
	it('is told recovered by the scheduler that adopted the service', async () => {
		const root = processes.makeRoot({'feed.sh': `#!/bin/sh
if [ ! -f "$0.crashed" ]; then touch "$0.crashed"; echo "feed: connection refused" >&2; exit 1; fi
while [ ! -f "$0.go" ]; do sleep 0.1; done
echo "feed subscribed"
while :; do sleep 1; done
`});
		const script = `${root.dir}/feed.sh`;
		serviceProcesses.watch(root.dir);
		root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url: `${url}/hooks/sage`}}, delivery: {attempts: 2, backoff_ms: 50, timeout_ms: 3000}}));
		root.write('config/jobs.yaml', `services:
  - id: feed
    command: ["sh", "${script}"]
    restart_delay: 200ms
    ready_pattern: "feed subscribed"
    ready_timeout: 5m
    min_uptime: 1s
    stop_timeout: 3s
`);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		await waitFor(() => events().length === 1, 20_000, 'the alert of the crash');
		await waitFor(() => statusServices(root.dir).find(service => service.state === 'starting'), 20_000, 'the restarted feed getting ready');
		first.child.kill('SIGKILL');
		await first.exited;

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		await waitFor(() => statusServices<StatusService & {adopted?: boolean}>(root.dir).find(service => service.adopted), 20_000, 'the feed adopted');
		root.write('feed.sh.go', '');
		await waitFor(() => events().length === 2, 20_000, 'the recovery');
		expect(events()).toEqual(['service-exited', 'service-recovered']);
	}, 120_000);
});
