// A long run of the scheduler and its console (from dist/) with a job logging 100 lines/s and a
// 5-second job, the Ink console drawing into a 120x40 counting stream: prints one JSON line per
// interval with RSS (and its anonymous and file-backed parts; V8's heap pages of every thread and the
// rest), the scheduler's heap (and its young generation), WAL size and event-loop lag.
// Usage: node bench/subjects/sage-soak.mjs MINUTES INTERVAL_SECONDS
import {readFileSync, statSync} from 'node:fs';
import {getHeapSpaceStatistics} from 'node:v8';
import {chatterProject} from './chatter-project.mjs';

process.env.NODE_ENV = 'production';
const [minutes = 1, intervalSeconds = 10] = process.argv.slice(2).map(Number);
const {resolvePaths} = await import('../../dist/app/paths.js');
const {openSchedulerProcess} = await import('../../dist/app/scheduler-process.js');
const {drawConsole} = await import('./draw-console.mjs');
const root = chatterProject('sage-soak-');
const paths = resolvePaths({root});
const app = openSchedulerProcess(paths, {schedules: true, logToStdout: false});
const ink = await drawConsole(app);
app.engine.start();
const started = Date.now();
// Anonymous memory (heaps, allocations) and file-backed pages (the node binary's and libraries' code
// as it is touched: shared, and dropped by the kernel under pressure) grow for different reasons.
const residentKb = field => Number(/^\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8').split(`\n${field}:`)[1] ?? '')?.[1] ?? Number.NaN);
// Anonymous memory by kind, from /proc/self/smaps: V8's heap pages of every thread (each a 256 KiB
// mapping in this V8) against the rest (malloc's arenas and heap, thread stacks). The scheduler's own
// heap is one of several isolates here: the job workers have theirs.
const anonymousKb = () => {
	const kb = {v8Pages: 0, other: 0};
	let kind; // Of the mapping whose fields follow: 'v8Pages', 'other', or undefined when file-backed.
	for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
		const mapping = /^([\da-f]+)-([\da-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (mapping) {
			const bytes = Number.parseInt(mapping[2], 16) - Number.parseInt(mapping[1], 16);
			kind = mapping[3] === '' && bytes === 262_144 ? 'v8Pages' : (mapping[3] === '' || mapping[3] === '[heap]' ? 'other' : undefined);
		} else if (kind && line.startsWith('Anonymous:')) {
			kb[kind] += Number(line.split(/\s+/)[1]);
		}
	}

	return kb;
};

const sample = () => {
	const memory = process.memoryUsage();
	let wal = 0;
	try {
		wal = statSync(`${paths.dbFile}-wal`).size;
	} catch {}

	// The young generation, which V8 sizes by how fast this thread allocates: the part of the heap that saws.
	const youngMb = getHeapSpaceStatistics().find(space => space.space_name === 'new_space').space_size / 1048576;
	const anonymous = anonymousKb();
	process.stdout.write(`${JSON.stringify({minute: (Date.now() - started) / 60_000, rss_mb: memory.rss / 1048576, rss_anon_mb: residentKb('RssAnon') / 1024, rss_file_mb: residentKb('RssFile') / 1024, heap_mb: memory.heapUsed / 1048576, heap_total_mb: memory.heapTotal / 1048576, young_mb: youngMb, v8_pages_mb: anonymous.v8Pages / 1024, other_anon_mb: anonymous.other / 1024, external_mb: memory.external / 1048576, wal_mb: wal / 1048576, loop_delay_p99_ms: app.engine.loopDelayP99(), tail_lines: app.engine.tail.length})}\n`);
};

const timer = setInterval(sample, intervalSeconds * 1000);
setTimeout(async () => {
	clearInterval(timer);
	sample();
	ink.unmount();
	await app.close('cancel');
	process.exit(0);
}, minutes * 60_000);
