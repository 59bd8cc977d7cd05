/**
 * `--http HOST:PORT` with a port past 65535 is named as such in the scheduler's log and notice, as
 * `validate` names the config's `http.listen`; the scheduler runs on without its API. It logged
 * Node's own `options.port should be >= 0 and < 65536. Received type number (99999)`. The built CLI.
 */
import {expect, it} from 'vitest';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

it('says --http names no port, and the scheduler runs on without its API', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: greet, trigger: manual, command: ["true"]}\n'});
	const headless = startCli(['--headless', '--http', '127.0.0.1:99999', '--root', root.dir]);
	processes.track(headless);
	await schedulerStarted(headless);
	const {stdout} = headless.output();
	expect(stdout).toContain('HTTP API off: --http \\"127.0.0.1:99999\\" is not HOST:PORT with a port up to 65535 (e.g. 127.0.0.1:8470)');
	expect(stdout).not.toContain('options.port');
	expect(stdout).toContain('ready: clients attach on ');
}, 60_000);
