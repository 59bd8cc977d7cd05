// Renders the console (from dist/) for SECONDS with a job logging RATE lines/s and 5 progress bars into
// a 120x40 counting stream, and prints where a frame's time goes: Ink's whole output pass and its
// Output.get() (the cell grid and the ANSI string). For profiling: node --cpu-prof bench/subjects/render-profile.mjs
// Usage: node bench/subjects/render-profile.mjs SECONDS RATE   (COMPARE=1: check every frame against Ink's own Output)
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {scratchDir} from './scratch-dir.mjs';

process.env.NODE_ENV = 'production';
const [seconds = 20, rate = 1000] = process.argv.slice(2).map(Number);
const {resolvePaths} = await import('../../dist/app/paths.js');
const {openSchedulerProcess} = await import('../../dist/app/scheduler-process.js');
const {drawConsole} = await import('./draw-console.mjs');
const root = scratchDir('sage-render-');
mkdirSync(path.join(root, 'config'));
mkdirSync(path.join(root, 'jobs'));
writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
writeFileSync(path.join(root, 'jobs/chatter.ts'), `export default async function run(ctx: any) {
	const perTick = Math.max(1, Math.round(ctx.params.rate / 100));
	let n = 0;
	while (!ctx.signal.aborted) { for (let i = 0; i < perTick; i++) ctx.log.info({n: ++n}, 'quote tick ' + n); await new Promise(r => setTimeout(r, 10)); }
}
`);
writeFileSync(path.join(root, 'jobs/progress.ts'), `export default async function run(ctx: any) {
	const started = Date.now();
	while (!ctx.signal.aborted) { ctx.progress(((Date.now() - started) % 60000) / 60000, 'step ' + Math.round((Date.now() - started) / 100)); await new Promise(r => setTimeout(r, 100)); }
}
`);
const at = new Date(Date.now() + 3000).toISOString();
writeFileSync(path.join(root, 'config/jobs.yaml'), `max_parallel: 8\njobs:
  - {id: chatter, trigger: date, run_date: "${at}", module: jobs/chatter.ts, params: {rate: ${rate}}}
${Array.from({length: 5}, (_, i) => `  - {id: bar_${i}, trigger: date, run_date: "${at}", module: jobs/progress.ts}`).join('\n')}
`);
const paths = resolvePaths({root});
const app = openSchedulerProcess(paths, {schedules: true, logToStdout: false});
const {default: Output} = await import(new URL('../../node_modules/ink/build/output.js', import.meta.url).href);
// With COMPARE=1 every frame is also drawn by Ink's own Output (output.original.js) and any difference counted.
let compared = 0;
let different = 0;
if (process.env.COMPARE) {
	const {default: Original} = await import(new URL('../../node_modules/ink/build/output.original.js', import.meta.url).href);
	const ours = Output.prototype.get;
	Output.prototype.get = function () {
		const frame = ours.call(this);
		const original = Object.assign(new Original({width: this.width, height: this.height}), {operations: this.operations});
		compared++;
		different += original.get().output === frame.output ? 0 : 1;
		return frame;
	};
}

const getTimes = [];
const get = Output.prototype.get;
Output.prototype.get = function () {
	const started = performance.now();
	try {
		return get.call(this);
	} finally {
		getTimes.push(performance.now() - started);
	}
};

const renderTimes = [];
const ink = await drawConsole(app, {onRender: ({renderTime}) => renderTimes.push(renderTime)});
app.engine.start();
const warmUp = setTimeout(() => {
	renderTimes.length = 0;
	getTimes.length = 0;
	ink.resetBytes();
}, 5000);
setTimeout(async () => {
	clearTimeout(warmUp);
	const pct = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]?.toFixed(2);
	process.stdout.write(`${JSON.stringify({frames: renderTimes.length, render_p50: pct(renderTimes, 50), render_p99: pct(renderTimes, 99), get_p50: pct(getTimes, 50), get_p99: pct(getTimes, 99), bytes: ink.bytes(), ...(process.env.COMPARE ? {compared, different} : {})})}\n`);
	ink.unmount();
	await app.close('cancel');
	process.exit(0);
}, seconds * 1000);
