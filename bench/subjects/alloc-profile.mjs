// Where the scheduler's thread allocates, with the soak's load (a job logging 100 lines/s, a command
// every 5 s) and the console drawing into a 120x40 counting stream: V8's sampling heap profiler, dead
// objects included, over SECONDS after a 15 s warm-up. Prints the allocation rate in MB/s and the
// functions that allocate most, by their own allocations and by what they call.
// V8 grows the young generation while this thread allocates faster than 1 MB/s (heap.cc,
// kLowAllocationThroughput), and the young generation is what makes the soak's RSS saw.
// Usage: node bench/subjects/alloc-profile.mjs SECONDS [--no-console]
import {Session} from 'node:inspector/promises';
import {chatterProject} from './chatter-project.mjs';

process.env.NODE_ENV = 'production';
const seconds = Number(process.argv[2] ?? 30);
const withConsole = !process.argv.includes('--no-console');
const {resolvePaths} = await import('../../dist/app/paths.js');
const {openSchedulerProcess} = await import('../../dist/app/scheduler-process.js');
const {drawConsole} = await import('./draw-console.mjs');
const app = openSchedulerProcess(resolvePaths({root: chatterProject('sage-alloc-')}), {schedules: true, logToStdout: false});
const ink = withConsole ? await drawConsole(app) : {unmount() {}};
app.engine.start();
const sleep = ms => new Promise(resolve => {
	setTimeout(resolve, ms);
});
await sleep(15_000);

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true});
await sleep(seconds * 1000);
const {profile} = await session.post('HeapProfiler.stopSampling');
ink.unmount();
await app.close('cancel');

const own = new Map();
const within = new Map();
let total = 0;
const ourDist = new URL('../../dist/', import.meta.url).href;
const where = url => (url.startsWith(ourDist) ? `dist/${url.slice(ourDist.length)}` : url.replace(/^.*\/node_modules\//, ''));
const frameName = ({functionName, url, lineNumber}) => `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
const visit = (node, callers) => {
	const name = frameName(node.callFrame);
	const stack = [...callers, name];
	total += node.selfSize;
	own.set(name, (own.get(name) ?? 0) + node.selfSize);
	if (node.selfSize > 0) {
		for (const frame of new Set(stack)) {
			within.set(frame, (within.get(frame) ?? 0) + node.selfSize);
		}
	}

	for (const child of node.children) {
		visit(child, stack);
	}
};

visit(profile.head, []);
const rate = bytes => `${(bytes / 1024 / seconds).toFixed(0).padStart(6)} KB/s`;
const top = (sizes, count, keep = () => true) => [...sizes].filter(([name]) => keep(name)).sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, bytes]) => `${rate(bytes)}  ${name}`).join('\n');
process.stdout.write(`${withConsole ? 'with' : 'without'} the console: ${(total / 1048576 / seconds).toFixed(2)} MB/s allocated over ${seconds} s
--- own allocations
${top(own, 20)}
--- with what they call (sage-console's code)
${top(within, 20, name => name.includes(' dist/'))}
`, () => process.exit(0));
