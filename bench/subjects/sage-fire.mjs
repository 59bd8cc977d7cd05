// sage-console's whole scheduling path in one process, from the built dist/: config, SQLite history,
// run logs, isolated runs in reused workers, and the Ink console rendering into a counting stream.
// Usage: node bench/subjects/sage-fire.mjs JOBS SECONDS [block]  → prints {fire, start, bytes} as JSON.
process.env.NODE_ENV = 'production';
const [jobs = 1, seconds = 10] = process.argv.slice(2, 4).map(Number);
const block = process.argv[4] === 'block';
const {resolvePaths} = await import('../../dist/app/paths.js');
const {openSchedulerProcess} = await import('../../dist/app/scheduler-process.js');
const {drawConsole} = await import('./draw-console.mjs');
const {everySecondJobs} = await import('./every-second-jobs.mjs');

const root = everySecondJobs(jobs);

const app = openSchedulerProcess(resolvePaths({root}), {schedules: true, logToStdout: false});
const fire = [];
const start = [];
const scheduled = new Map();
app.engine.events.on('run-queued', run => {
	const job = Number(run.jobId.slice(4));
	scheduled.set(run.id, {job, at: run.scheduledAt});
	fire.push({job, second: Math.floor(run.scheduledAt / 1000), latenessMs: performance.timeOrigin + performance.now() - run.scheduledAt});
});
app.engine.events.on('run-progress', event => {
	const entry = scheduled.get(event.runId);
	if (entry && event.message) {
		start.push({job: entry.job, second: Math.floor(entry.at / 1000), latenessMs: Number(event.message) - entry.at});
	}
});

// SAGE_BENCH_NO_CONSOLE leaves the console out, for telling its cost from the scheduler's.
const ink = process.env.SAGE_BENCH_NO_CONSOLE ? {unmount() {}, bytes: () => 0} : await drawConsole(app);
app.engine.start();

let blocker;
if (block) {
	// 50 ms of synchronous work every 200 ms (25% duty) and a WAL checkpoint every 2 s, on the scheduler's thread.
	let ticks = 0;
	blocker = setInterval(() => {
		const until = performance.now() + 50;
		while (performance.now() < until) {
			// Busy.
		}

		if (++ticks % 10 === 0) {
			app.db.pragma('wal_checkpoint(PASSIVE)');
		}
	}, 200);
}

setTimeout(async () => {
	clearInterval(blocker);
	ink.unmount();
	await app.close('cancel');
	// Exit once written: a pipe takes writes asynchronously, and exiting at once cut 60-second results short.
	process.stdout.write(JSON.stringify({fire, start, bytes: ink.bytes()}), () => process.exit(0));
}, seconds * 1000);
