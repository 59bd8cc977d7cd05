import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import {commandTarget, executorIn, logLines, recordingSink, specFor} from './run-harness.js';
import {waitFor} from '../helpers/wait-for.js';

/** Param values that run code if a shell ever parses them unquoted. */
const hostile = {
	subst: 'x=$(touch pwned-subst)',
	quote: '\'; touch pwned-quote; echo \'',
	backtick: '`touch pwned-backtick`',
	newline: 'a\ntouch pwned-newline',
	assign: 'LD_PRELOAD=/nonexistent.so',
};

const pwned = (dir: string) => readdirSync(dir).filter(name => name.startsWith('pwned'));

describe('a command run', () => {
	it('runs argv exec-style with placeholders expanded, the SAGE_ variables and its env; output goes to the run log and the sink', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'echo "$SAGE_JOB_ID $SAGE_RUN_ID $SAGE_TRADE_DATE $SAGE_ATTEMPT $FEED"; echo "$1|$2|$3"; echo oops >&2', 'script', '{date}', '{job_id}', '--symbols={params.symbols}'], {env: {FEED: 'tushare'}}), {params: {symbols: ['600519.SH']}});
		const outcome = await executor.start(spec, sink.sink).done;
		expect(outcome).toEqual({status: 'success', result: {exitCode: 0}});
		const lines = logLines(spec.logPath);
		expect(lines[0]).toMatchObject({msg: 'run started', command: ['sh', '-c', expect.any(String), 'script', '2026-12-03', 'test_job', '--symbols=["600519.SH"]'], cwd: root.dir});
		// stdout and stderr are two pipes: each stream's lines come in order, but which pipe is read first is the reads' luck.
		const output = lines.slice(1, -1);
		expect(output).toHaveLength(3);
		expect(output.filter(line => line.stream === 'stdout')).toMatchObject([
			{level: 30, stream: 'stdout', msg: `test_job ${spec.runId} 2026-12-03 1 tushare`},
			{level: 30, stream: 'stdout', msg: '2026-12-03|test_job|--symbols=["600519.SH"]'},
		]);
		expect(output.filter(line => line.stream === 'stderr')).toMatchObject([{level: 40, stream: 'stderr', msg: 'oops'}]);
		expect(lines.at(-1)).toMatchObject({msg: 'run success'});
		expect(sink.lines.map(line => line.msg).filter(msg => msg !== 'oops')).toEqual([`test_job ${spec.runId} 2026-12-03 1 tushare`, '2026-12-03|test_job|--symbols=["600519.SH"]']);
		expect(sink.lines.map(line => line.msg)).toContain('oops');
		expect(sink.lines).toHaveLength(3);
	});

	it('without setpriv, a plain spawn runs it the same way, in a group of its own', async () => {
		const {root, executor} = executorIn({}, {setpriv: false});
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'echo "$(cut -d" " -f5 /proc/$$/stat) $$"']));
		expect(await executor.start(spec, sink.sink).done).toEqual({status: 'success', result: {exitCode: 0}});
		const {pid} = sink.started[0]!.process!;
		expect(logLines(spec.logPath).find(line => line.stream === 'stdout')?.msg).toBe(`${pid} ${pid}`);
	});

	it('reports its process identity: pid, its own group, and the start ticks /proc shows for it', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const handle = executor.start(specFor(root.dir, commandTarget(['sleep', '30'])), sink.sink);
		await waitFor(() => sink.started.length > 0);
		const identity = sink.started[0]!.process!;
		expect(identity.pgid).toBe(identity.pid);
		expect(readProcStat(identity.pid)).toMatchObject({pgid: identity.pid, sid: identity.pid, startTicks: identity.startTicks});
		handle.cancel('cancel');
		expect(await handle.done).toMatchObject({status: 'cancelled'});
		expect(isStillRunning(identity.pid, identity.startTicks!)).toBe(false);
	});

	it('hostile param values are text, never code: shell strings get them quoted, argv passes them as they are', async () => {
		const {root, executor} = executorIn();
		const params = hostile;
		const names = Object.keys(hostile).map(name => `{params.${name}}`);
		const forms = [
			commandTarget([`printf '%s\\n' ${names.join(' ')}`], {shell: true}),
			commandTarget(['bash', '-euc', `printf '%s\\n' ${names.join(' ')}`]),
			commandTarget(['sh', '-o', 'errexit', '-c', `printf '%s\\n' ${names.join(' ')}`]),
			commandTarget(['printf', '%s\\n', ...names]),
		];
		for (const target of forms) {
			const spec = specFor(root.dir, target, {params});
			expect(await executor.start(spec, recordingSink().sink).done).toMatchObject({status: 'success'});
			const printed = logLines(spec.logPath).filter(line => line.stream === 'stdout').map(line => line.msg);
			expect(printed).toEqual([hostile.subst, hostile.quote, hostile.backtick, 'a', 'touch pwned-newline', hostile.assign]);
		}

		expect(pwned(root.dir)).toEqual([]);
	});

	it('a line `::progress 0.42 message` is progress, not log', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'echo "::progress 0.42 fetched 600519.SH"; echo "::progress 75% nearly"; echo "::progress 9 too far"; echo done']));
		await executor.start(spec, sink.sink).done;
		expect(sink.progress).toEqual([{fraction: 0.42, message: 'fetched 600519.SH'}, {fraction: 0.75, message: 'nearly'}, {fraction: 1, message: 'too far'}]);
		expect(logLines(spec.logPath).filter(line => line.stream).map(line => line.msg)).toEqual(['done']);
	});

	it('a non-zero exit fails with the exit code, the last stderr line in the message and the stderr tail as the stack', async () => {
		const {root, executor} = executorIn();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'for i in $(seq 1 30); do echo "trace $i" >&2; done; echo "ValueError: bad bar" >&2; exit 2']));
		const outcome = await executor.start(spec, recordingSink().sink).done;
		expect(outcome).toMatchObject({status: 'failed', error: {type: 'ExitCode', message: 'sh exited with code 2: ValueError: bad bar'}});
		const stack = outcome.status === 'failed' ? outcome.error.stack!.split('\n') : [];
		expect(stack).toHaveLength(20);
		expect(stack.at(-1)).toBe('ValueError: bad bar');
		expect(logLines(spec.logPath).at(-1)).toMatchObject({msg: 'run failed', errorType: 'ExitCode'});
	});

	it('a missing working directory and a missing command are named as such, and nothing starts', async () => {
		const {root, executor} = executorIn();
		const missingCwd = path.join(root.dir, 'no/such/dir');
		expect(await executor.start(specFor(root.dir, commandTarget(['sh', '-c', 'touch started'], {cwd: missingCwd})), recordingSink().sink).done)
			.toEqual({status: 'failed', error: {type: 'WorkingDirectoryMissing', message: `working directory ${missingCwd} does not exist`}});
		expect(await executor.start(specFor(root.dir, commandTarget(['sh', '-c', 'touch started'], {shell: false, cwd: missingCwd})), recordingSink().sink).done).toMatchObject({status: 'failed', error: {type: 'WorkingDirectoryMissing'}});
		expect(await executor.start(specFor(root.dir, commandTarget(['touch started'], {shell: true, cwd: missingCwd})), recordingSink().sink).done).toMatchObject({status: 'failed', error: {type: 'WorkingDirectoryMissing'}});
		const spec = specFor(root.dir, commandTarget(['python4-does-not-exist', 'scripts/x.py']));
		expect(await executor.start(spec, recordingSink().sink).done).toEqual({status: 'failed', error: {type: 'CommandNotFound', message: 'command not found: python4-does-not-exist (not in PATH)'}});
		expect(await executor.start(specFor(root.dir, commandTarget(['./scripts/missing.sh'])), recordingSink().sink).done).toMatchObject({status: 'failed', error: {type: 'CommandNotFound', message: expect.stringContaining('./scripts/missing.sh') as string}});
		expect(existsSync(path.join(root.dir, 'started'))).toBe(false);
		expect(logLines(spec.logPath).map(line => line.msg)).toEqual(['run started', 'run failed']);
	});

	it('ends when its main process exits, even while a background process still holds its output open', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'sleep 300 & echo "background $!"']));
		const outcome = await executor.start(spec, sink.sink).done;
		const identity = sink.started[0]!.process!;
		onTestFinished(() => {
			try {
				process.kill(-identity.pgid!, 'SIGKILL');
			} catch {}
		});
		expect(outcome).toEqual({status: 'success', result: {exitCode: 0}});
		expect(logLines(spec.logPath).map(line => line.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^background \d+$/) as string, expect.stringContaining('stopped reading it') as string]));
	});

	it('a timeout stops the whole tree, grandchildren that called setsid included, with SIGKILL for what ignores SIGTERM; the log says what was killed', async () => {
		const {root, executor} = executorIn({}, {cancelGraceMs: 500});
		const sink = recordingSink();
		// Everything ignores SIGTERM (an ignored signal stays ignored across fork and exec).
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'trap "" TERM; sleep 300 & echo $! > pids; setsid sleep 301 & echo $! >> pids; wait']), {timeoutMs: 60_000});
		const handle = executor.start(spec, sink.sink);
		const pidsFile = path.join(root.dir, 'pids');
		await waitFor(() => existsSync(pidsFile) && readFileSync(pidsFile, 'utf8').trim().split('\n').length === 2);
		const pids = readFileSync(pidsFile, 'utf8').trim().split('\n').map(Number);
		const tree = [sink.started[0]!.process!.pid, ...pids].map(pid => ({pid, startTicks: readProcStat(pid)!.startTicks}));
		// The grandchild has left the group (setsid) before the timeout comes.
		await waitFor(() => readProcStat(pids[1]!)?.sid === pids[1]);
		handle.cancel('timeout');
		expect(await handle.done).toEqual({status: 'timeout', error: {type: 'Timeout', message: 'timed out after 1m'}});
		expect(tree.filter(({pid, startTicks}) => isStillRunning(pid, startTicks))).toEqual([]);
		const said = logLines(spec.logPath).map(line => line.msg);
		expect(said).toContain(`timed out: sent SIGTERM to process group ${tree[0]!.pid} (2 processes) and 1 descendant outside it`);
		expect(said).toContain(`killed process group ${tree[0]!.pid} (2 processes) and 1 descendant outside it with SIGKILL, still running after the 500ms grace`);
		expect(said.at(-1)).toBe('run timeout');
	});

	it('a cancel of a tree that stops on SIGTERM ends at once as cancelled', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'sleep 300 & sleep 300 & wait']));
		const handle = executor.start(spec, sink.sink);
		await waitFor(() => sink.started.length > 0);
		handle.cancel('replaced');
		expect(await handle.done).toEqual({status: 'cancelled', error: {type: 'Cancelled', message: 'cancelled: replaced by a newer run (concurrency: replace)'}});
		expect(logLines(spec.logPath).map(line => line.msg).join('\n')).not.toContain('SIGKILL');
	});

	it('a 50 MB line is cut to 64 KiB with a marker, and the lines after it still arrive', async () => {
		const {root, executor} = executorIn();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'head -c 52428800 /dev/zero | tr "\\0" x; echo; echo after']));
		expect(await executor.start(spec, recordingSink().sink).done).toMatchObject({status: 'success'});
		const output = logLines(spec.logPath).filter(line => line.stream).map(line => line.msg);
		expect(output).toHaveLength(2);
		expect(output[0]).toBe(`${'x'.repeat(64 * 1024)}… [line truncated: 52428800 bytes]`);
		expect(output[1]).toBe('after');
	});
});
