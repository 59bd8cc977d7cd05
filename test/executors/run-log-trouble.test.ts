/**
 * What an executor tells about a run log that refuses writes, without root: `/dev/full` takes the
 * open and refuses every write (ENOSPC), and a FIFO whose reader goes away takes the header and then
 * refuses the rest (EPIPE), as a disk that fills up during a run does.
 */
import {execFileSync} from 'node:child_process';
import {closeSync, constants, openSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commandTarget, executorIn, moduleTarget, recordingSink, specFor} from './run-harness.js';

/** A recording sink that also keeps what it heard through `logTrouble`. */
function troubleSink() {
	const recorded = recordingSink();
	const troubles: Array<string | undefined> = [];
	return {...recorded, troubles, sink: {...recorded.sink, logTrouble: (trouble: string | undefined) => troubles.push(trouble)}};
}

describe('a run log that refuses writes', () => {
	it('a refused first line fails the run and tells the sink "runs fail: …" (created, not written: a full disk)', async () => {
		const {root, executor} = executorIn({'jobs/ok.ts': 'export default function run() { return {ok: true}; }\n'});
		for (const target of [moduleTarget(path.join(root.dir, 'jobs/ok.ts')), commandTarget(['true'])]) {
			const sink = troubleSink();
			expect(await executor.start(specFor(root.dir, target, {logPath: '/dev/full'}), sink.sink).done).toMatchObject({status: 'failed', error: {type: 'RunLogUnavailable'}});
			expect(sink.troubles).toEqual(['runs fail: cannot write /dev/full: ENOSPC (no space left on device)']);
		}
	});

	it('a log written whole tells the sink that logs are written (undefined), and the outcome has no note', async () => {
		const {root, executor} = executorIn();
		const sink = troubleSink();
		expect(await executor.start(specFor(root.dir, commandTarget(['echo', 'fine'])), sink.sink).done).toEqual({status: 'success', result: {exitCode: 0}});
		expect(sink.troubles).toEqual([undefined]);
	});

	it('lines lost after the header: the job\'s success stands, with a "log incomplete" note naming the count and the cause, and the sink hears the trouble', async () => {
		const {root, executor} = executorIn();
		const fifo = path.join(root.dir, 'logs/jobs/20261203_001.log');
		execFileSync('mkdir', ['-p', path.dirname(fifo)]);
		execFileSync('mkfifo', [fifo]);
		const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
		const sink = troubleSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', 'sleep 0.2; for i in $(seq 1 37); do echo line $i; done']), {logPath: fifo, runId: 1});
		const handle = executor.start(spec, sink.sink);
		// The header is in the pipe; from now on nobody reads it.
		closeSync(reader);
		const outcome = await handle.done;
		// 37 lines of output and the closing line.
		const note = 'log incomplete: 38 lines (the closing line among them) not written to logs/jobs/20261203_001.log: EPIPE (broken pipe)';
		expect(outcome).toEqual({status: 'success', result: {exitCode: 0}, notes: [note]});
		expect(sink.troubles).toEqual([undefined, 'run logs incomplete: cannot write logs/jobs/20261203_001.log: EPIPE (broken pipe)', 'run logs incomplete: cannot write logs/jobs/20261203_001.log: EPIPE (broken pipe)']);
		// The console's tail still has every line, and the note.
		expect(sink.lines.filter(line => line.msg.startsWith('line ')).length).toBe(37);
		expect(sink.lines.at(-1)).toMatchObject({level: 'warn', msg: note});
	});

	it('a failed job keeps its failure, and its lost lines are noted too', async () => {
		const {root, executor} = executorIn();
		const fifo = path.join(root.dir, 'logs/jobs/20261203_002.log');
		execFileSync('mkdir', ['-p', path.dirname(fifo)]);
		execFileSync('mkfifo', [fifo]);
		const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
		const handle = executor.start(specFor(root.dir, commandTarget(['sh', '-c', 'sleep 0.2; echo partial; exit 3']), {logPath: fifo, runId: 2}), troubleSink().sink);
		closeSync(reader);
		expect(await handle.done).toMatchObject({status: 'failed', error: {message: expect.stringContaining('exited with code 3')}, notes: [expect.stringMatching(/^log incomplete: 2 lines \(the closing line among them\) not written to logs\/jobs\/20261203_002\.log: EPIPE/)]});
	});
});
