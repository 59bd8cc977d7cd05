/**
 * A command that talks to the live scheduler while a debugger or tracer holds it stopped (gdb attached,
 * any ptrace: /proc shows state `t`, a tracing stop, not `T`): it said it was "hung or too busy" and
 * to stop and start it. Now it names the stop, the tracing process (TracerPid) and that only it lets the
 * scheduler go on, `kill -CONT` not: the scheduler stays stopped after one. Once the tracer lets go, the
 * scheduler answers again. Built binaries, a real headless scheduler, a real tracer (/usr/bin/python3 calling
 * ptrace(PTRACE_ATTACH) through ctypes, as gdb -p does).
 */
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const python = '/usr/bin/python3';

/** Attaches to argv[1] and holds it in its tracing stop; on SIGTERM detaches, and it goes on. */
const tracer = `import ctypes, os, signal, sys, time
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
pid = int(sys.argv[1])
if libc.ptrace(16, pid, None, None) != 0:
    sys.exit('PTRACE_ATTACH: ' + os.strerror(ctypes.get_errno()))
os.waitpid(pid, 0x40000000)
def detach(*_):
    libc.ptrace(17, pid, None, None)
    sys.exit(0)
signal.signal(signal.SIGTERM, detach)
print('attached', flush=True)
while True:
    time.sleep(60)
`;

const stateOf = (pid: number) => /\) (\S) /.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];

it.runIf(spawnSync(python, ['-c', '']).status === 0)('status names a tracer holding the scheduler stopped, and that kill -CONT does not resume it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: mark, trigger: manual, command: ["true"]}\n'});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir], {timeoutMs: 40_000});
	const pid = headless.child.pid!;

	// When: a tracer attaches to the scheduler's process and holds it.
	const traced = spawn(python, ['-c', tracer, String(pid)], {stdio: ['ignore', 'pipe', 'pipe']});
	let said = '';
	traced.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		said += chunk;
	});
	traced.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		said += chunk;
	});
	try {
		await waitFor(() => said.includes('attached') || said.includes('PTRACE_ATTACH'), 20_000, 'the tracer to attach');
		expect(said.trim(), 'the tracer could not attach').toBe('attached');
		expect(stateOf(pid)).toBe('t');
		const tracedSays = `sage-console: the scheduler (pid ${pid}) is stopped by a debugger or tracer (pid ${traced.pid}, python3): it fires no job and answers no command until the tracer lets it go on (\`continue\` in gdb) or lets it go (detach, quit gdb, end strace); \`kill -CONT ${pid}\` does not resume it while it is traced\n`;
		expect(cli('status')).toMatchObject({code: 4, stdout: '', stderr: tracedSays});
		// As it says: a SIGCONT does not let a traced process go on.
		headless.child.kill('SIGCONT');
		expect(cli('status')).toMatchObject({code: 4, stdout: '', stderr: tracedSays});
	} finally {
		traced.kill('SIGTERM');
	}

	// Then: the tracer gone, it answers.
	await waitFor(() => traced.exitCode !== null || traced.signalCode !== null, 20_000, 'the tracer to detach and exit');
	expect(cli('status').stdout).toContain(`scheduler pid ${pid} `);
}, 120_000);
