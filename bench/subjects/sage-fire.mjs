// sage-console as the console runs it, from the built dist/: the scheduler on its own thread (config,
// SQLite history, run logs, isolated runs in job workers) and the Ink console on the main thread,
// drawing a log of RATE lines a second into a counting terminal while JOBS jobs fire every second.
// Fire: scheduled instant → the scheduler queued the run (read on the scheduler's thread); start:
// → the job's first line (read in its worker). Usage: node bench/subjects/sage-fire.mjs JOBS SECONDS RATE
// → prints {fire, start, bytes} as JSON. The console subscribes to what it draws (the snapshot and the
// log); the figures come from run events, heard on a connection of their own, as a second client would.
process.env.NODE_ENV = 'production';
const [jobs = 1, seconds = 10, rate = 0] = process.argv.slice(2, 5).map(Number);
const {fireProject} = await import('./fire-project.mjs');
const {consoleScreen} = await import('./console-screen.mjs');
const {resolvePaths} = await import('../../dist/host/paths.js');
const {startSchedulerThread} = await import('../../dist/host/scheduler-thread.js');
const {SchedulerFeed} = await import('../../dist/ui/scheduler-feed.js');
const {loadCalendar} = await import('../../dist/host/load-calendar.js');
const {connectToScheduler} = await import('../../dist/host/socket-client.js');

const paths = resolvePaths({root: fireProject(jobs, rate, seconds)});
const thread = await startSchedulerThread(paths);
const fire = [];
const start = [];
const scheduled = new Map();
const {client: watcher} = await connectToScheduler(paths.socketFile, 'bench');
watcher.on('run-queued', run => {
	if (run.jobId.startsWith('job_')) {
		const job = Number(run.jobId.slice(4));
		scheduled.set(run.id, {job, at: run.scheduledAt});
		fire.push({job, second: Math.floor(run.scheduledAt / 1000), latenessMs: run.queuedAt - run.scheduledAt});
	}
});
watcher.on('run-progress', event => {
	const entry = scheduled.get(event.runId);
	if (entry && event.message) {
		scheduled.delete(event.runId);
		start.push({job: entry.job, second: Math.floor(entry.at / 1000), latenessMs: Number(event.message) - entry.at});
	}
});
await watcher.request('subscribe', {tailLines: 0, events: ['run-queued', 'run-progress']});
const feed = await SchedulerFeed.open(thread.client);
const screen = consoleScreen();
const {render} = await import('ink');
const React = await import('react');
const {App} = await import('../../dist/ui/app.js');
const ink = render(React.createElement(App, {feed, calendar: loadCalendar(paths), onQuit() {}}), {stdout: screen.stdout, stdin: screen.stdin, patchConsole: false, exitOnCtrlC: false, maxFps: 10, incrementalRendering: false});

setTimeout(async () => {
	ink.unmount();
	watcher.close();
	await thread.stop('cancel');
	process.stdout.write(JSON.stringify({fire, start, bytes: screen.bytes()}), () => process.exit(0));
}, seconds * 1000);
