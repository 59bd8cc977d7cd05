/**
 * A command job that times out: its run keeps the end of its stderr as its stack (where it was when
 * time ran out, as a failed command's run keeps it), and the alert shows those last lines. The run had
 * no stack and the alert said only 'Timeout: timed out after 2s'. Real parts: the built binary
 * headless, sh, a local WeCom robot.
 */
import {describe, expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const rootWithRobot = alertRobotRoots(processes);

// Twelve lines of progress, then it hangs on the feed.
const command = 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "下载 600519.SH 第 $i 批" >&2; done; echo "waiting for quote feed 10.0.0.7:7709" >&2; sleep 60';

describe('a command job\'s timeout', () => {
	it('keeps the end of its stderr as its stack, and the alert shows it', async () => {
		const {root, robot} = await rootWithRobot(`jobs:\n  - {id: bars, trigger: manual, timeout: 2s, command: ["sh", "-c", ${JSON.stringify(command)}]}\n`);
		const scheduler = processes.start(root);
		await schedulerStarted(scheduler);
		expect(runCli(['run', 'bars', '--root', root]).code).toBe(1);
		const [run] = JSON.parse(runCli(['history', '--json', '--job', 'bars', '--limit', '1', '--root', root]).stdout) as Array<{id: number; status: string}>;
		expect(run).toMatchObject({status: 'timeout'});
		const shown = JSON.parse(runCli(['show', String(run!.id), '--json', '--root', root]).stdout) as {error_type: string; error_stack: string | null};
		expect(shown.error_type).toBe('Timeout');
		expect(shown.error_stack?.split('\n').at(-1)).toBe('waiting for quote feed 10.0.0.7:7709');
		const alert = await waitFor(() => robotMessages(robot).find(text => text.startsWith('### ❌ bars timeout')), 20_000, 'the timeout alert');
		const block = alert!.split('```')[1]!.trim().split('\n');
		expect(block.at(-1)).toBe('waiting for quote feed 10.0.0.7:7709');
		expect(block.at(-2)).toBe('下载 600519.SH 第 12 批');
		expect(block[0]).toMatch(/^… \d+ lines above, in the run's log$/);
	});
});
