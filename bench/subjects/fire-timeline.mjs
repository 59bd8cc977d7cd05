// Where a second's runs spend their time, for working on fire and start lateness: sage-console's whole
// path (as bench/subjects/sage-fire.mjs runs it) with JOBS every-second jobs for SECONDS, then per run
// fire (scheduled instant → queued), queue wait (→ handed to a worker), hop (→ the job's first line),
// start (scheduled instant → first line); per second the last fire and the last start; and the
// scheduler thread's GC pauses over 1 ms, with the millisecond of the second they began in.
// Usage: node bench/subjects/fire-timeline.mjs [JOBS] [SECONDS]
// SAGE_BENCH_NO_CONSOLE=1 leaves the console out; SAGE_BENCH_ALLOCATIONS=1 also prints where the
// scheduler thread allocates (V8's sampling heap profiler, seconds 6-14).
import {Session} from 'node:inspector';
import {PerformanceObserver} from 'node:perf_hooks';

process.env.NODE_ENV = 'production';
const [jobs = 100, seconds = 20] = process.argv.slice(2, 4).map(Number);
const {resolvePaths} = await import('../../dist/app/paths.js');
const {openSchedulerProcess} = await import('../../dist/app/scheduler-process.js');
const {drawConsole} = await import('./draw-console.mjs');
const {everySecondJobs} = await import('./every-second-jobs.mjs');

const root = everySecondJobs(jobs);
const now = () => performance.timeOrigin + performance.now();
const gcPauses = [];
new PerformanceObserver(list => {
	for (const entry of list.getEntries()) {
		if (entry.duration > 1) {
			gcPauses.push({at: performance.timeOrigin + entry.startTime, ms: entry.duration, kind: entry.detail?.kind === 1 ? 'minor' : 'major'});
		}
	}
}).observe({entryTypes: ['gc']});

const app = openSchedulerProcess(resolvePaths({root}), {schedules: true, logToStdout: false});
const runs = new Map();
app.engine.events.on('run-queued', run => runs.set(run.id, {at: run.scheduledAt, queued: now()}));
app.engine.events.on('run-started', run => {
	const entry = runs.get(run.id);
	if (entry) {
		entry.started = now();
	}
});
app.engine.events.on('run-progress', event => {
	const entry = runs.get(event.runId);
	if (entry && event.message) {
		entry.firstLine = Number(event.message);
	}
});
const ink = process.env.SAGE_BENCH_NO_CONSOLE ? {unmount() {}} : await drawConsole(app);
app.engine.start();

const allocations = process.env.SAGE_BENCH_ALLOCATIONS ? profileAllocations(6000, 14_000) : undefined;

setTimeout(async () => {
	ink.unmount();
	await app.close('cancel');
	const report = await allocations;
	// Seconds 5 to 2 before the end: start-up and shutdown left out.
	const measured = [...runs.values()].filter(run => run.firstLine && run.at > Date.now() - ((seconds - 5) * 1000) && run.at < Date.now() - 2000);
	const percentiles = values => {
		const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
		const at = p => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]?.toFixed(1);
		return `p50 ${at(50)}  p90 ${at(90)}  p99 ${at(99)}  max ${at(100)}`;
	};

	console.log(`${measured.length} runs`);
	for (const [name, of] of [['fire', run => run.queued - run.at], ['queue wait', run => run.started - run.queued], ['hop to worker', run => run.firstLine - run.started], ['start', run => run.firstLine - run.at]]) {
		console.log(`${name.padEnd(14)} ${percentiles(measured.map(of))}`);
	}

	const bySecond = new Map();
	for (const run of measured) {
		const second = Math.floor(run.at / 1000);
		bySecond.set(second, [...(bySecond.get(second) ?? []), run]);
	}

	const perSecond = of => [...bySecond].map(([second, group]) => `${second % 100}:${Math.max(...group.map(of)).toFixed(0)}`).join(' ');
	console.log(`last fire per second (second:ms)   ${perSecond(run => run.queued - run.at)}`);
	console.log(`last start per second (second:ms)  ${perSecond(run => run.firstLine - run.at)}`);
	console.log(`scheduler-thread GC pauses > 1 ms (second:ms-into-it duration) ${gcPauses.map(pause => `${Math.floor(pause.at / 1000) % 100}:${Math.round(pause.at % 1000)} ${pause.kind} ${pause.ms.toFixed(1)}`).join(', ')}`);
	if (report) {
		console.log(report);
	}

	process.exit(0);
}, seconds * 1000);

/** Where the scheduler thread allocates between `fromMs` and `toMs`, by function, KB/s. */
async function profileAllocations(fromMs, toMs) {
	const session = new Session();
	session.connect();
	const post = async (method, parameters) => new Promise((resolve, reject) => {
		session.post(method, parameters, (error, result) => (error ? reject(error) : resolve(result)));
	});
	await new Promise(resolve => setTimeout(resolve, fromMs));
	await post('HeapProfiler.startSampling', {samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true});
	await new Promise(resolve => setTimeout(resolve, toMs - fromMs));
	const {profile} = await post('HeapProfiler.stopSampling');
	const bySite = new Map();
	let total = 0;
	const walk = node => {
		const site = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
		bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
		total += node.selfSize;
		node.children.forEach(walk);
	};

	walk(profile.head);
	const perSecond = bytes => (bytes / 1024 / ((toMs - fromMs) / 1000)).toFixed(0).padStart(6);
	return [`allocated ${perSecond(total)} KB/s`, ...[...bySite].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([site, bytes]) => `${perSecond(bytes)} KB/s  ${site}`)].join('\n');
}
