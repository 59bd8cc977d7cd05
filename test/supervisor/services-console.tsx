/**
 * The services panel alone on a real terminal, attached to the live scheduler of a root over its
 * socket as any console attaches: `node --import tsx test/supervisor/services-console.tsx ROOT`.
 * The console's own layout is the console engineer's; this shows the panel as it draws and answers keys.
 */
import {render, useStdout} from 'ink';
import {useCallback, useEffect, useState} from 'react';
import {resolvePaths} from '../../src/host/paths.js';
import {connectToScheduler} from '../../src/host/socket-client.js';
import type {SchedulerClient} from '../../src/protocol/client.js';
import {useFeedFrame} from '../../src/ui/hooks/use-feed-frame.js';
import {ServicesPanel} from '../../src/ui/panels/services-panel.js';
import {SchedulerFeed} from '../../src/ui/scheduler-feed.js';

function Screen({feed, client}: {feed: SchedulerFeed; client: SchedulerClient}) {
	const {snapshot} = useFeedFrame(feed);
	const {stdout} = useStdout();
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, []);
	const loadDetail = useCallback(async (serviceId: string) => client.request('service-detail', {serviceId, lines: 40}), [client]);
	return <ServicesPanel services={snapshot.services ?? []} focused width={stdout.columns} height={stdout.rows - 1} now={now} loadDetail={loadDetail}/>;
}

const {client} = await connectToScheduler(resolvePaths({root: process.argv[2]}).socketFile, 'services panel');
const feed = await SchedulerFeed.open(client);
render(<Screen feed={feed} client={client}/>, {exitOnCtrlC: true});
