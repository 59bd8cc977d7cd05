// sage-console's earlier version (a checkout given as BEFORE_DIR, built), measured the same way as
// sage-fire.mjs: its scheduler and Ink console share the main thread (its own design), drawing a log
// of RATE lines a second while JOBS jobs fire every second. Usage:
// BEFORE_DIR=/path/to/checkout node bench/subjects/before-fire.mjs JOBS SECONDS RATE → {fire, start, bytes}.
import path from 'node:path';
import {pathToFileURL} from 'node:url';

process.env.NODE_ENV = 'production';
const [jobs = 1, seconds = 10, rate = 0] = process.argv.slice(2, 5).map(Number);
const before = process.env.BEFORE_DIR;
if (!before) {
	throw new Error('before-fire.mjs needs BEFORE_DIR: a built checkout of the earlier version');
}

const from = file => import(pathToFileURL(path.join(before, file)).href);
const {fireProject} = await import('./fire-project.mjs');
const {consoleScreen} = await import('./console-screen.mjs');
const {resolvePaths} = await from('dist/app/paths.js');
const {openSchedulerProcess} = await from('dist/app/scheduler-process.js');

const app = openSchedulerProcess(resolvePaths({root: fireProject(jobs, rate, seconds, {earlierVersion: true})}), {schedules: true, logToStdout: false});
const fire = [];
const start = [];
const scheduled = new Map();
app.engine.events.on('run-queued', run => {
	if (run.jobId.startsWith('job_')) {
		const job = Number(run.jobId.slice(4));
		scheduled.set(run.id, {job, at: run.scheduledAt});
		fire.push({job, second: Math.floor(run.scheduledAt / 1000), latenessMs: performance.timeOrigin + performance.now() - run.scheduledAt});
	}
});
app.engine.events.on('run-progress', event => {
	const entry = scheduled.get(event.runId);
	if (entry && event.message) {
		scheduled.delete(event.runId);
		start.push({job: entry.job, second: Math.floor(entry.at / 1000), latenessMs: Number(event.message) - entry.at});
	}
});
const screen = consoleScreen();
const {render} = await from('node_modules/ink/build/index.js');
const React = await from('node_modules/react/index.js');
const {App} = await from('dist/ui/app.js');
const ink = render(React.default.createElement(App, {engine: app.engine, calendar: app.calendar, onQuit() {}}), {stdout: screen.stdout, stdin: screen.stdin, patchConsole: false, exitOnCtrlC: false, maxFps: 10, incrementalRendering: false});
app.engine.start();

setTimeout(async () => {
	ink.unmount();
	await app.close('cancel');
	process.stdout.write(JSON.stringify({fire, start, bytes: screen.bytes()}), () => process.exit(0));
}, seconds * 1000);
