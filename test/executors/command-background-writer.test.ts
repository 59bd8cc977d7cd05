/**
 * A command that starts a background process which keeps the output it inherited (`nohup server &`
 * in a start script) and exits: the run ends as before, and the background process lives on, writing
 * as it likes, as README promises ("a run that ends by itself leaves them be"). Reading was stopped by
 * closing the pipes, so its next write killed it with SIGPIPE.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {commandTarget, executorIn, logLines, recordingSink, specFor} from './run-harness.js';
import {waitFor} from '../helpers/wait-for.js';

const gateway = `(i=0; while [ $i -lt 600 ]; do i=$((i+1)); echo "gateway alive $i"; echo $i > "$0/count"; sleep 0.05; done) & echo "gateway started"`;

describe('a command that leaves a background process writing to its output', () => {
	it('ends when its main process exits, and the background process goes on writing, its later lines not kept', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', gateway, root.dir]));
		const outcome = await executor.start(spec, sink.sink).done;
		const {pgid} = sink.started[0]!.process!;
		onTestFinished(() => {
			try {
				process.kill(-pgid!, 'SIGKILL');
			} catch {}
		});
		expect(outcome).toEqual({status: 'success', result: {exitCode: 0}});
		const kept = logLines(spec.logPath).length;
		const count = path.join(root.dir, 'count');
		const countAtEnd = existsSync(count) ? Number(readFileSync(count, 'utf8')) : 0;
		// Well past the end of the run: alive, it has written 20 more lines.
		await waitFor(() => Number(readFileSync(count, 'utf8')) >= countAtEnd + 20, 15_000, 'the background process to write 20 lines after the run ended');
		const lines = logLines(spec.logPath);
		expect(lines).toHaveLength(kept);
		expect(lines.at(-1)).toMatchObject({msg: 'run success'});
		expect(lines.map(line => line.msg)).toContain('the command exited with its output still open (a background process of its own?); stopped reading it: what it writes from now on is not kept');
	});
});
