/**
 * Commands that talk to the live scheduler while its process is stopped (a SIGSTOP, a debugger, a console
 * suspended in its terminal): the kernel accepts their connection and nobody answers. They waited for
 * ever (`status` printed nothing, `run` never returned); now each gives up, names the stopped process and
 * how to let it go on, exits 4, and `run JOB` does not run the job in the foreground beside it. Once the
 * scheduler goes on, the same commands work. Built binaries, a real headless scheduler.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

it('status and run give up on a stopped scheduler, naming it and kill -CONT, and work once it goes on', async () => {
	const root = processes.makeRoot();
	const marker = path.join(root.dir, 'ran');
	root.write('config/jobs.yaml', `jobs:\n  - {id: mark, trigger: manual, command: ["touch", "${marker}"]}\n`);
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir], {timeoutMs: 40_000});
	const pid = headless.child.pid!;
	const stoppedSays = `sage-console: the scheduler (pid ${pid}) is stopped (SIGSTOP, Ctrl-Z in its terminal, a debugger): it fires no job and answers no command until it goes on; \`kill -CONT ${pid}\` (or \`fg\` in its shell) resumes it\n`;

	// When: the scheduler's process is stopped.
	headless.child.kill('SIGSTOP');
	try {
		for (const args of [['status'], ['run', 'mark']]) {
			const answer = cli(...args);
			expect(answer, args.join(' ')).toMatchObject({code: 4, stdout: '', stderr: stoppedSays});
		}

		// Not run in the foreground beside the scheduler that holds the root.
		expect(existsSync(marker)).toBe(false);
	} finally {
		headless.child.kill('SIGCONT');
	}

	// Then: going on, it answers.
	expect(cli('status').stdout).toContain(`scheduler pid ${pid} `);
	expect(cli('run', 'mark')).toMatchObject({code: 0});
	expect(existsSync(marker)).toBe(true);
}, 120_000);
