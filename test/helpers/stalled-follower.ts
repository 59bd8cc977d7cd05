import path from 'node:path';
import {expect} from 'vitest';
import {wholeLines} from './log-file-lines.js';
import {processState} from './published-events.js';
import {runCli, type startCli} from './run-cli.js';
import {waitFor} from './wait-for.js';

/** 40,000 lines of 1.2 KB (48 MB), in batches the scheduler passes on whole. */
const flood = String.raw`const line = 'x'.repeat(1200); let batch = 0; const next = () => { let text = ''; for (let i = 0; i < 200; i++) text += 'flood ' + (batch * 200 + i) + ' ' + line + '\n'; process.stdout.write(text, () => { if (++batch < 200) setTimeout(next, 20); }); }; next();`;

/** A jobs.yaml entry for `chatty`, the job whose flood of log lines outgrows a client that stopped reading. */
export const floodJobYaml = `  - id: chatty
    trigger: manual
    command: ["node", "-e", ${JSON.stringify(flood)}]
`;

/** A root's jobs.yaml for a follower to stall on: `slow` ticks for a minute to be followed, `chatty` floods; `shutdown: cancel`. */
export const slowAndFloodJobsYaml = `shutdown: cancel
jobs:
  - id: slow
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 300); do echo tick $i; sleep 0.2; done"]
${floodJobYaml}`;

/**
 * Stops `follower` (SIGSTOP), floods the log with `chatty`, and waits until the scheduler's log says it
 * dropped a client for not reading; checks that line names `client` and returns the follower's pid.
 */
export async function stallUntilDropped(root: string, follower: ReturnType<typeof startCli>, client: (pid: number) => string, waitMs: number): Promise<number> {
	const pid = follower.child.pid!;
	follower.child.kill('SIGSTOP');
	await waitFor(() => processState(pid) === 'T', 10_000, 'the follower to stop');
	expect(runCli(['run', 'chatty', '--detach', '--root', root]).code).toBe(0);
	const logFile = path.join(root, 'logs', 'sage-console.log');
	const dropLines = () => wholeLines(logFile).filter(line => line.includes('read nothing while'));
	const [dropped] = await waitFor(() => dropLines().length > 0 && dropLines(), waitMs, 'the drop in the scheduler\'s log');
	expect(JSON.parse(dropped!)).toMatchObject({level: 40, client: client(pid)});
	return pid;
}
