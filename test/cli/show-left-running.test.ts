/**
 * `show RUN` of a run history says is running while no scheduler runs for its root: one a scheduler
 * killed with -9 left so (its recorded process is gone) is said to be left, with what happens to it
 * next; one whose process still runs (a one-off `run` in another shell), one on a worker and a
 * service's are not. Before, a left run read RUNNING with no word that nothing carries it out, until
 * the next start. History written as the scheduler writes it; the built CLI.
 */
import path from 'node:path';
import {spawn} from 'node:child_process';
import {afterEach, expect, it} from 'vitest';
import {readProcStat} from '../../src/executors/proc-stat.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {runCli} from '../helpers/run-cli.js';
import {seedRun} from '../helpers/seed-run.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
	for (const child of children.splice(0)) {
		child.kill('SIGKILL');
	}

	root?.remove();
	root = undefined;
});

const at = Date.now() - 60_000;

it('says a run left running by a scheduler that died is left, and not one whose process runs, one on a worker or a service\'s', async () => {
	root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: sync_bars, trigger: manual, command: ["true"]}\n'});
	// A process that ran and ended: its pid and start time, as the scheduler recorded them.
	const ended = spawn('true');
	await new Promise(resolve => {
		ended.once('exit', resolve);
	});
	const alive = spawn('sleep', ['60']);
	children.push(alive);
	const aliveTicks = readProcStat(alive.pid!)!.startTicks;
	const db = openDatabase(path.join(root.dir, 'data/sage.db'));
	const store = new HistoryStore(db);
	const running = {jobId: 'sync_bars', trigger: 'manual', status: 'running', scheduledAt: at, startedAt: at, attempt: 1} as const;
	const left = seedRun(store, running);
	store.updateRun(left.id, {process: {pid: ended.pid!, startTicks: aliveTicks - 1}});
	const carried = seedRun(store, running);
	store.updateRun(carried.id, {process: {pid: alive.pid!, pgid: alive.pid!, startTicks: aliveTicks}});
	const onWorker = seedRun(store, running);
	store.updateRun(onWorker.id, {worker: 'gpu1:41234'});
	// A service's process outlives its scheduler: the next one adopts it.
	const service = seedRun(store, {...running, jobId: 'quotes', trigger: 'service'});
	store.updateRun(service.id, {process: {pid: ended.pid!, startTicks: aliveTicks - 1}});
	db.close();

	const shown = runCli(['show', String(left.id), '--root', root.dir]);
	expect(shown.code).toBe(0);
	expect(shown.stdout.split('\n').slice(0, 2)).toEqual([
		`run ${left.id}  sync_bars  RUNNING`,
		'note        left running: no scheduler runs for this root and nothing carries it out (the scheduler that ran it stopped without ending it); the next start closes it as interrupted',
	]);
	expect((JSON.parse(runCli(['show', String(left.id), '--json', '--root', root.dir]).stdout) as {left_running?: boolean}).left_running).toBe(true);
	for (const run of [carried, onWorker, service]) {
		const other = runCli(['show', String(run.id), '--json', '--root', root.dir]);
		expect(other.code).toBe(0);
		expect((JSON.parse(other.stdout) as {status: string; left_running?: boolean})).toMatchObject({status: 'running'});
		expect((JSON.parse(other.stdout) as {left_running?: boolean}).left_running).toBeUndefined();
	}
});
