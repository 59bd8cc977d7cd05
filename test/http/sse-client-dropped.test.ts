/**
 * An SSE client of /v1/events that stops reading (a dashboard's tab put to sleep, a stalled link) while a
 * job floods the log is dropped once 4 MB wait for it, and the scheduler's log says which one and why.
 * A real `sage-console --headless --http 127.0.0.1:0` and a raw TCP client that asks for the stream and
 * then reads nothing.
 */
import net from 'node:net';
import path from 'node:path';
import {expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {wholeLines} from '../helpers/log-file-lines.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** 40,000 lines of 1.2 KB (48 MB), in batches the scheduler passes on whole. */
const flood = String.raw`const line = 'x'.repeat(1200); let batch = 0; const next = () => { let text = ''; for (let i = 0; i < 200; i++) text += 'flood ' + (batch * 200 + i) + ' ' + line + '\n'; process.stdout.write(text, () => { if (++batch < 200) setTimeout(next, 20); }); }; next();`;

it('logs the SSE client it dropped for not reading, by its address', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': `jobs:\n  - id: chatty\n    trigger: manual\n    command: ["node", "-e", ${JSON.stringify(flood)}]\n`});
	const {url} = await startHeadlessWithApi(processes, root.dir);
	const {port} = new URL(url);

	// Given a client that asks for the log's events and then reads nothing
	const socket = net.connect(Number(port), '127.0.0.1');
	await new Promise(resolve => {
		socket.once('connect', resolve);
	});
	socket.write(`GET /v1/events?events=log-lines HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nUser-Agent: frozen-dashboard\r\n\r\n`);
	socket.pause();
	socket.on('error', () => undefined);
	const clientPort = socket.localPort!;

	try {
		// When a job floods the log
		expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);

		// Then the scheduler's log has one warn line naming that client and why it was dropped
		const logFile = path.join(root.dir, 'logs', 'sage-console.log');
		const dropLines = () => wholeLines(logFile).filter(line => line.includes('from /v1/events'));
		const [dropped] = await waitFor(() => dropLines().length > 0 && dropLines(), 60_000, 'the drop in the scheduler\'s log');
		expect(JSON.parse(dropped!)).toMatchObject({
			level: 40,
			client: `SSE client 127.0.0.1:${clientPort}`,
			userAgent: 'frozen-dashboard',
			msg: `dropped SSE client 127.0.0.1:${clientPort} from /v1/events: it read nothing while 4 MB waited for it (stopped, or on a stalled link)`,
		});
		expect(dropLines()).toHaveLength(1);
	} finally {
		socket.destroy();
	}
}, 120_000);
