/**
 * A `--headless` scheduler in a crash loop (systemd's `Restart=always` starting one that dies again and
 * again) does not flood the phone, and never leaves it unaware: each `⚠ sage-console was down` alert
 * counts the deaths in the last 10 minutes; the first three deaths are told each, then at most one alert
 * per 10 minutes, counting the deaths held back since the alert before; a scheduler that stays up until
 * a held alert's turn sends it itself. Real parts: the built binary killed with -9 start after start, a
 * local WeCom robot, the history database (`scheduler_life`) read and, to stand for 10 minutes gone by,
 * its alert moments moved back.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {alertRobotRoots, allDeathsTold, downAlerts, quickJobYaml} from '../helpers/alert-robot-root.js';
import {markerJobLine, messagesBeforeMarker} from '../helpers/marker-alert.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {shortLeadFirst} from '../helpers/short-lead.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
/** Generous: several test files share 2 cores. */
const slow = 60_000;

const rootWithRobot = alertRobotRoots(processes);

/** Moves every recorded alert moment `ms` back, as if they had been sent that much earlier; gives the last one's moment. */
function alertsEarlierBy(root: string, ms: number): number {
	const db = new Database(path.join(root, 'data/sage.db'));
	try {
		db.pragma('busy_timeout = 5000');
		db.prepare('UPDATE scheduler_life SET told_at = told_at - ? WHERE told_at IS NOT NULL').run(ms);
		return (db.prepare('SELECT max(told_at) AS last FROM scheduler_life').get() as {last: number}).last;
	} finally {
		db.close();
	}
}

describe('a headless scheduler in a crash loop', () => {
	it('the alerts count the deaths in 10 min: the first three told each, then one per 10 min with the deaths held back, and a held one sent by the scheduler that stays up', async () => {
		// The last held alert's turn comes `leadMs` after its start's death: 10 s first, and on a new root
		// 20 s when the box was too slow for it.
		await shortLeadFirst([10_000, 20_000], async leadMs => {
			const {root, robot} = await rootWithRobot(quickJobYaml + markerJobLine);
			let current = processes.start(root);
			await schedulerStarted(current);
			/** systemd's restart after a kill -9 of the running scheduler. */
			const dieAndRestart = async () => {
				const dead = current;
				dead.child.kill('SIGKILL');
				await dead.exited;
				current = processes.start(root);
				await schedulerStarted(current);
				return dead.child.pid!;
			};

			// Given a scheduler killed with -9 three times, started again each time
			const firstDead = await dieAndRestart();
			await waitFor(() => downAlerts(robot).length === 1, slow, 'the first alert');
			await waitFor(() => allDeathsTold(root), slow, 'the first alert recorded as told');
			await dieAndRestart();
			await waitFor(() => downAlerts(robot).length === 2, slow, 'the second alert');
			await waitFor(() => allDeathsTold(root), slow, 'the second alert recorded as told');
			await dieAndRestart();
			const told = await waitFor(() => downAlerts(robot).length === 3 && downAlerts(robot), slow, 'the third alert');
			await waitFor(() => allDeathsTold(root), slow, 'the third alert recorded as told');

			// Then each of the three was told, counting the deaths in the last 10 minutes
			expect(told[0]).toMatch(/^### ⚠ sage-console was down\n/);
			expect(told[0]).toContain(`- **previous pid**: ${firstDead}`);
			expect(told[0]).not.toContain('crash loop');
			expect(told[1]).toMatch(/^### ⚠ sage-console was down 2 times in 10 min\n/);
			expect(told[1]).toContain('- **crash loop**: down 2 times in 10 min');
			expect(told[2]).toMatch(/^### ⚠ sage-console was down 3 times in 10 min\n/);

			// When it dies a fourth and a fifth time within the 10 minutes
			await dieAndRestart();
			await waitFor(() => current.output().stdout.includes('alert held back'), slow, 'the fourth start to hold its alert back');
			expect(current.output().stdout).toContain('down 4 times in 10 min');
			await dieAndRestart();
			await waitFor(() => current.output().stdout.includes('alert held back'), slow, 'the fifth start to hold its alert back');

			// Then the phone hears nothing more (up to a later alert, the marker job's); the header notice (as `status` shows it) counts the loop
			await messagesBeforeMarker(root, robot);
			expect(downAlerts(robot)).toHaveLength(3);
			expect(runCli(['status', '--root', root]).stdout).toContain('sage-console was down 5 times in 10 min, last up to');

			// When it dies a sixth time (held too), the loop goes on until 10 minutes have passed since the last alert, and it dies a seventh time
			await dieAndRestart();
			alertsEarlierBy(root, 10 * 60_000);
			const seventhDead = await dieAndRestart();

			// Then one alert comes, counting all seven deaths and the four told by none since the last alert
			const [fourth] = await waitFor(() => downAlerts(robot).length === 4 && downAlerts(robot).slice(3), slow, 'the fourth alert');
			expect(fourth).toMatch(/^### ⚠ sage-console was down 7 times in 10 min\n/);
			expect(fourth).toContain(`- **previous pid**: ${seventhDead}`);
			await waitFor(() => allDeathsTold(root), slow, 'the fourth alert recorded as told');
			expect(fourth).toMatch(/- \*\*since the last alert\*\*: 4 deaths \(last alert \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\): in a crash loop alerts come at most one per 10 min/);

			// When it dies once more just under 10 minutes after that alert (`leadMs` under: the start must read it
			// before the turn comes, and a start on a loaded box takes seconds; 5 s under, a slow start found the
			// turn come and sent the alert at once), and the start after it stays up
			current.child.kill('SIGKILL');
			await current.exited;
			const turnAt = alertsEarlierBy(root, 10 * 60_000 - leadMs) + (10 * 60_000);
			current = processes.start(root);
			await schedulerStarted(current);
			await waitFor(() => current.output().stdout.includes('alert held back'), slow, 'the ninth start to hold its alert back');
			await messagesBeforeMarker(root, robot);
			const toldBeforeTurn = downAlerts(robot).length;
			if (Date.now() >= turnAt - 1000) {
				processes.killAll();
				return false;
			}

			expect(toldBeforeTurn).toBe(4);

			// Then it sends the held alert itself when its turn comes, saying it is still up
			const [fifth] = await waitFor(() => downAlerts(robot).length === 5 && downAlerts(robot).slice(4), slow, 'the held alert');
			expect(fifth).toMatch(/^### ⚠ sage-console was down 8 times in 10 min\n/);
			expect(fifth).toContain(`- **still up**: `);
			expect(fifth).toContain(`pid ${current.child.pid} has run since it started`);
			await messagesBeforeMarker(root, robot);
			expect(downAlerts(robot)).toHaveLength(5);
			current.child.kill('SIGTERM');
			expect(await current.exited).toBe(0);
			return true;
		});
	}, 12 * slow);
});
