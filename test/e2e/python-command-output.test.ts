/**
 * A Python script moved under sage-console as a `command:` job, run by the built CLI with the
 * environment a systemd unit or cron gives (no PYTHONUNBUFFERED): what it printed is in the run's log
 * as it goes, so a run that a timeout ends keeps the lines printed before it; a progress bar redrawn
 * with carriage returns (tqdm's) is in the log as its last state; a legacy script printing GBK (a
 * zh_CN.GBK locale) has its Chinese read as such in the log and in history's error.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const python = '/usr/bin/python3';

/** This process's environment without the variables that would make Python unbuffered by themselves. */
function plainEnvironment(): NodeJS.ProcessEnv {
	const env = {...process.env};
	delete env.PYTHONUNBUFFERED;
	delete env.PYTHONIOENCODING;
	return env;
}

describe.skipIf(spawnSync(python, ['-c', '']).status !== 0)('a Python command job', () => {
	it('has its printed lines in the log when a timeout ends it, though stdout is a pipe', () => {
		const root = makeTempRoot({
			'config/jobs.yaml': `jobs:
  - id: fetch_bars
    trigger: manual
    timeout: 2s
    command: ["${python}", "scripts/fetch_bars.py"]
`,
			'scripts/fetch_bars.py': `import time
print("fetched 600519.SH")
print("fetched 000001.SZ")
time.sleep(120)
print("all done")
`,
		});
		const run = spawnSync(binary, ['run', 'fetch_bars', '--root', root.dir], {env: plainEnvironment(), encoding: 'utf8', timeout: 60_000});
		expect(run.stdout).toContain('Timeout: timed out after 2s');
		const logs = spawnSync(binary, ['logs', '1', '--root', root.dir], {env: plainEnvironment(), encoding: 'utf8', timeout: 60_000});
		expect(logs.status, logs.stderr).toBe(0);
		const printed = logs.stdout.split('\n').filter(line => line.includes('fetched'));
		expect(printed.map(line => line.replace(/^\S+ +INFO +/, ''))).toEqual(['fetched 600519.SH  stream=stdout', 'fetched 000001.SZ  stream=stdout']);
		expect(logs.stdout).not.toContain('all done');
		root.remove();
	});

	it('has a tqdm-style bar, redrawn on stderr with carriage returns and colours, as its last state in the log', () => {
		const root = makeTempRoot({
			'config/jobs.yaml': `jobs:
  - id: train_model
    trigger: manual
    command: ["${python}", "scripts/train.py"]
`,
			'scripts/train.py': `import sys
total = 3000
for i in range(total + 1):
    bar = "#" * (i * 20 // total)
    sys.stderr.write("\\r\\x1b[32mepoch 1: %3d%%|%-20s| %d/%d [loss=0.%04d]\\x1b[0m" % (i * 100 // total, bar, i, total, total - i))
sys.stderr.write("\\n")
print("model saved")
`,
		});
		const run = spawnSync(binary, ['run', 'train_model', '--root', root.dir], {env: plainEnvironment(), encoding: 'utf8', timeout: 60_000});
		expect(run.status, run.stderr).toBe(0);
		const logs = spawnSync(binary, ['logs', '1', '--root', root.dir], {env: plainEnvironment(), encoding: 'utf8', timeout: 60_000});
		const output = logs.stdout.split('\n').filter(line => / (INFO|WARN) /.test(line) && !line.includes(' run '));
		// Two pipes: which one is read first is the reads' luck, so the lines are compared as a set.
		expect(output.map(line => line.replace(/^\S+ +\S+ +/, '')).sort()).toEqual([
			'epoch 1: 100%|####################| 3000/3000 [loss=0.0000]  stream=stderr',
			'model saved  stream=stdout',
		]);
		root.remove();
	});

	it('printing GBK, as on a zh_CN.GBK box, has its Chinese whole in the log and in the run\'s error and stack', () => {
		const root = makeTempRoot({
			'config/jobs.yaml': `jobs:
  - id: sync_names
    trigger: manual
    command: ["${python}", "scripts/sync_names.py"]
    env: {PYTHONIOENCODING: gbk}
`,
			'scripts/sync_names.py': `print("同步股票名称: 600519.SH 贵州茅台")
raise ValueError("找不到股票代码 000001.SZ")
`,
		});
		const run = spawnSync(binary, ['run', 'sync_names', '--root', root.dir], {env: plainEnvironment(), encoding: 'utf8', timeout: 60_000});
		expect(run.status).toBe(1);
		expect(run.stdout).toContain('同步股票名称: 600519.SH 贵州茅台  stream=stdout');
		const show = spawnSync(binary, ['show', '1', '--json', '--root', root.dir], {env: plainEnvironment(), encoding: 'utf8', timeout: 60_000});
		const row = JSON.parse(show.stdout) as {error_message: string; error_stack: string};
		expect(row.error_message).toBe('/usr/bin/python3 exited with code 1: ValueError: 找不到股票代码 000001.SZ');
		expect(row.error_stack.split('\n').at(-1)).toBe('ValueError: 找不到股票代码 000001.SZ');
		root.remove();
	});
});
