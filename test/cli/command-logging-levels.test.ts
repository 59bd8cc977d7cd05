/**
 * A Python script using `logging` as a `command:` job: Python's logging writes every level to stderr,
 * which the run's log and the console's tail took as WARN, so routine lines read as warnings and errors
 * did not stand out. A line that starts as a logging library writes its level (`INFO:root:…`, `[ERROR]
 * …`, `… - sync - WARNING - …`, loguru's `| INFO |`) keeps that level; any other line its stream's.
 * The built CLI runs it in the foreground and prints the log as `logs` does.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const python = '/usr/bin/python3';

describe.skipIf(spawnSync(python, ['-c', '']).status !== 0)('a command job\'s logging lines', () => {
	it('keep the level their logging library wrote; other lines their stream\'s', () => {
		const root = makeTempRoot({
			'config/jobs.yaml': `jobs:\n  - {id: sync_bars, trigger: manual, command: ["${python}", "scripts/sync_bars.py"]}\n`,
			'scripts/sync_bars.py': `import logging, sys
logging.basicConfig(level=logging.INFO)
logging.info("synced 600519.SH")
logging.warning("slow answer from the vendor")
logging.error("no bars for 000001.SZ")
print("[ERROR] retry budget spent", file=sys.stderr)
print("2026-12-07 16:30:01,120 - sync - INFO - done", file=sys.stderr)
print("plain words on stderr", file=sys.stderr)
print("an ERROR in the middle is no level")
`,
		});
		const run = runCli(['run', 'sync_bars', '--root', root.dir]);
		root.remove();
		expect(run.code, run.stderr).toBe(0);
		const levelOf = (text: string) => new RegExp(`^\\d\\d:\\d\\d:\\d\\d (\\w+) +${text.replaceAll(/[[\]]/g, '\\$&')}`, 'm').exec(run.stdout)?.[1];
		expect(levelOf('INFO:root:synced 600519.SH')).toBe('INFO');
		expect(levelOf('WARNING:root:slow answer')).toBe('WARN');
		expect(levelOf('ERROR:root:no bars')).toBe('ERROR');
		expect(levelOf('[ERROR] retry budget spent')).toBe('ERROR');
		expect(levelOf('2026-12-07 16:30:01,120 - sync - INFO - done')).toBe('INFO');
		expect(levelOf('plain words on stderr')).toBe('WARN');
		expect(levelOf('an ERROR in the middle is no level')).toBe('INFO');
	});
});
