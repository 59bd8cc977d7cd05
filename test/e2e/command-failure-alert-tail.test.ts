/**
 * The failure alert of a command job (a Python script that raised) shows the end of its stderr, where
 * a traceback has the innermost frame and the exception, not its first lines: the outermost frames of a
 * deep traceback said nothing on the phone. Real parts: the built binary headless, python3, a local
 * WeCom robot.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const rootWithRobot = alertRobotRoots(processes);

const script = `def level(n):
    if n == 0:
        raise ValueError("no bars for 600519.SH on 2026-12-04")
    level(n - 1)

level(6)
`;

describe('a command job\'s failure alert', () => {
	it('ends with the last lines of stderr: the innermost frame and the exception', async () => {
		const {root, robot} = await rootWithRobot('jobs:\n  - {id: bars, trigger: manual, command: ["python3", "bars.py"]}\n');
		writeFileSync(path.join(root, 'bars.py'), script);
		const scheduler = processes.start(root);
		await schedulerStarted(scheduler);
		expect(runCli(['run', 'bars', '--root', root]).code).toBe(1);
		const alert = await waitFor(() => robotMessages(robot).find(text => text.startsWith('### ❌ bars failed')), 20_000, 'the failure alert');
		const block = alert!.split('```')[1]!.trim().split('\n');
		expect(block.at(-1)).toBe('ValueError: no bars for 600519.SH on 2026-12-04');
		expect(block.at(-2)).toBe('    raise ValueError("no bars for 600519.SH on 2026-12-04")');
		expect(block[0]).toMatch(/^… \d+ lines above, in the run's log$/);
		expect(block.length).toBe(9);
	});
});
