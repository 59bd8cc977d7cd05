/**
 * What a command costs an operator at the shell, and the test suite at each of its thousand calls:
 * the wall time and CPU of `--version`, `list`, `history` (a thousand runs in the database) and
 * `status --json` (a live headless scheduler answering), each run by its launcher as a shell runs it.
 * Peer, in the same run and taking turns with it: bare Node starting and exiting (`node -e 0`), the
 * floor no command of a Node program goes under. With --before, an earlier version the same way.
 */
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {BenchError, requireSamples, type Row} from './lib/integrity.js';
import {launcher, sleep} from './lib/processes.js';
import {percentile, round} from './lib/stats.js';
import {scratchDir} from './subjects/scratch-dir.mjs';

type Subject = {name: string; command: string; prefix: string[]};

/** CPU seconds of this process's waited-for children so far (cutime + cstime of /proc/self/stat). */
function childrenCpuSeconds(): number {
	const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[13]) + Number(fields[14])) / 100;
}

const jobsYaml = `jobs:\n${Array.from({length: 20}, (_, i) => `  - {id: job_${i}, name: 作业 ${i}, cron: "${i} 16 * * 1-5", calendar: trading-days, command: ["true"]}\n`).join('')}`;

/** A project of 20 jobs with a thousand finished runs of them in its database. */
function projectWithHistory(): string {
	const root = scratchDir('sage-bench-cli-');
	mkdirSync(path.join(root, 'config'));
	writeFileSync(path.join(root, 'config/jobs.yaml'), jobsYaml);
	const made = spawnSync(launcher, ['run', 'job_0', '--root', root], {encoding: 'utf8'});
	if (made.status !== 0) {
		throw new BenchError(`cli: the first run of the bench project failed: ${made.stderr}`);
	}

	const db = new Database(path.join(root, 'data/sage.db'));
	const first = db.prepare('SELECT * FROM runs LIMIT 1').get() as Record<string, unknown>;
	const columns = Object.keys(first).filter(column => column !== 'id');
	const insert = db.prepare(`INSERT INTO runs (${columns.join(', ')}) VALUES (${columns.map(column => `@${column}`).join(', ')})`);
	db.transaction(() => {
		for (let i = 1; i < 1000; i++) {
			insert.run({...first, id: undefined, job_id: `job_${i % 20}`, scheduled_at: (first.scheduled_at as number) - (i * 60_000)});
		}
	})();
	db.close();
	return root;
}

async function startHeadless(root: string): Promise<() => Promise<void>> {
	const child = spawn(launcher, ['--headless', '--root', root], {stdio: ['ignore', 'pipe', 'ignore']});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const deadline = Date.now() + 30_000;
	while (!output.includes('"msg":"ready')) {
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill('SIGKILL');
			throw new BenchError('cli: the headless scheduler of status --json did not start within 30 s');
		}

		await sleep(50);
	}

	return async () => {
		child.kill('SIGTERM');
		await new Promise(resolve => {
			child.once('exit', resolve);
		});
	};
}

/** One call: its wall time in ms, or a BenchError naming it when it does not exit 0. */
function timedCall(subject: Subject, args: readonly string[]): number {
	const start = process.hrtime.bigint();
	const result = spawnSync(subject.command, [...subject.prefix, ...args], {encoding: 'utf8'});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (result.status !== 0) {
		throw new BenchError(`cli / ${subject.name} ${args.join(' ')}: exited ${result.status}: ${result.stderr.slice(-300)}`);
	}

	return ms;
}

/**
 * Each command `calls` times per subject, the subjects taking turns call by call (so a busy moment of
 * the box falls on all of them), and bare Node between them.
 */
export async function measureCli(beforeDir: string | undefined, calls = 30): Promise<Row[]> {
	const subjects: Subject[] = [
		{name: 'sage-console', command: launcher, prefix: []},
		...(beforeDir ? [{name: 'sage-console before', command: path.join(beforeDir, 'bin/sage-console.js'), prefix: []}] : []),
	];
	const bare: Subject = {name: 'node -e 0', command: process.execPath, prefix: ['-e', '0']};
	const root = projectWithHistory();
	const commands: Array<{label: string; args: string[]}> = [
		{label: '--version', args: ['--version']},
		{label: 'list', args: ['list', '--root', root]},
		{label: 'history', args: ['history', '--root', root]},
		{label: 'status --json', args: ['status', '--json', '--root', root]},
	];
	const stop = await startHeadless(root);
	const rows: Row[] = [];
	try {
		const bareSamples: number[] = [];
		let bareCpu = 0;
		for (const {label, args} of commands) {
			const samples = new Map<string, number[]>(subjects.map(subject => [subject.name, []]));
			const cpu = new Map<string, number>(subjects.map(subject => [subject.name, 0]));
			for (let call = 0; call < calls; call++) {
				for (const subject of subjects) {
					const before = childrenCpuSeconds();
					samples.get(subject.name)!.push(timedCall(subject, args));
					cpu.set(subject.name, cpu.get(subject.name)! + childrenCpuSeconds() - before);
				}

				const before = childrenCpuSeconds();
				bareSamples.push(timedCall(bare, []));
				bareCpu += childrenCpuSeconds() - before;
			}

			for (const subject of subjects) {
				const wall = requireSamples(subject.name, `cli ${label}`, samples.get(subject.name), calls);
				rows.push({metric: 'cli_command', subject: subject.name, command: label, calls, p50_ms: round(percentile(wall, 50)), p90_ms: round(percentile(wall, 90)), cpu_ms_per_call: round((cpu.get(subject.name)! * 1000) / calls)});
			}
		}

		const wall = requireSamples(bare.name, 'cli', bareSamples, calls);
		rows.push({metric: 'cli_command', subject: bare.name, command: '(none)', calls: wall.length, p50_ms: round(percentile(wall, 50)), p90_ms: round(percentile(wall, 90)), cpu_ms_per_call: round((bareCpu * 1000) / wall.length)});
	} finally {
		await stop();
	}

	const floor = rows.at(-1)!.p50_ms as number;
	return rows.map(row => (row.subject === bare.name ? row : {...row, vs_bare_node: round((row.p50_ms as number) / floor, 2)}));
}
