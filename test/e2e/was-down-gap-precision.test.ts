/**
 * The "was down" gap is from when the dead scheduler was last known alive to the next start: the
 * scheduler stamps it in the database every few seconds, so a scheduler killed 12 s after its start
 * and started again at once is told down for seconds, not for the 12 s since its start stamp.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** "down up to 980ms" → 0.98, "9.1s" → 9.1, "1m02s" → 62, "2h05m" → 7500. */
function downSeconds(text: string): number {
	const match = /was down up to (?:(\d+)h)?(?:(\d+)m(?!s))?(?:([\d.]+)s|(\d+)ms)?/.exec(text);
	if (!match?.[0].match(/\d/)) {
		throw new Error(`no "was down up to" in: ${text}`);
	}

	const [, hours = '0', minutes = '0', seconds = '0', ms = '0'] = match;
	return (Number(hours) * 3600) + (Number(minutes) * 60) + Number(seconds) + (Number(ms) / 1000);
}

describe('the was-down gap', () => {
	it('is at most a few seconds past the real outage, however long the dead scheduler had run', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n'}).dir;
		const first = processes.start(root);
		await schedulerStarted(first);
		// Up longer than the bound below allows past the outage: a gap counted from the start stamp is over it.
		await pause(12_000);

		const killedAt = Date.now();
		first.child.kill('SIGKILL');
		await first.exited;
		const second = processes.start(root);
		await schedulerStarted(second);
		const outage = (Date.now() - killedAt) / 1000;

		const told = await waitFor(() => /was down up to/.test(second.output().stdout) && second.output().stdout, 20_000, 'the was-down line');
		// The outage was the restart alone (however long a loaded box took to start it), plus the up to
		// 5 s since the dead one's last stamp and a timer's lateness; 12 s more had passed since its start.
		const bound = outage + 8;
		expect(downSeconds(told)).toBeLessThan(bound);
		const status = runCli(['status', '--root', root]);
		expect(downSeconds(status.stdout)).toBeLessThan(bound);
	}, 120_000);
});
