/**
 * A service still up since a sage-console from before runs were marked in its output file (adopted by
 * the new scheduler at an upgrade): `logs RUN` prints the file's lines and says its start is not
 * there, rotated away or never marked. It said the start 'was rotated away' from a file never rotated.
 */
import path from 'node:path';
import {expect, it} from 'vitest';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {runCli} from '../helpers/run-cli.js';
import {seedRun} from '../helpers/seed-run.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('logs of a live service run with no marks in its file says it may have been started before runs were marked', () => {
	const root = makeTempRoot({
		'config/jobs.yaml': 'services:\n  - {id: collector, command: ["sh", "-c", "while :; do sleep 1; done"], window: always}\n',
		'logs/services/collector.log': 'collecting\nsubscribed 4 symbols\n',
	});
	try {
		const log = path.join(root.dir, 'logs/services/collector.log');
		const db = openDatabase(path.join(root.dir, 'data', 'sage.db'));
		const at = Date.parse('2026-12-06T13:11:55+08:00');
		seedRun(new HistoryStore(db), {jobId: 'collector', trigger: 'service', status: 'running', scheduledAt: at, startedAt: at, attempt: 1, logPath: log});
		db.close();

		const logs = runCli(['logs', '1', '--root', root.dir]);
		expect(logs.code, logs.stderr).toBe(0);
		expect(`${logs.stdout}${logs.stderr}`).toContain(`the start of run 1's output is not in ${log} (the files kept: 1): rotated away, or the run was started by a sage-console from before runs were marked in it (its lines may follow earlier runs'); the lines there:`);
		expect(logs.stdout).toContain('subscribed 4 symbols');
	} finally {
		root.remove();
	}
});
