import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {binary, runCli} from '../helpers/run-cli.js';
import {projectRoot} from '../helpers/shipped-root.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';

/**
 * docs/console-120x40.txt, the README's picture of the console (and the README's copy of it), is what this test sees: the built
 * console in tmux at 120×40, on a copy of the clone's own root (the shipped config/jobs.yaml, jobs/ and
 * data/sample/, so the picture lists only jobs a newcomer has), at 08:00 on a trading day (faketime),
 * after a sync (and its chain) and a health check of a URL that is down. Run with SAGE_UPDATE_SCREENSHOT=1 to write it;
 * without, the test fails when the console no longer looks like the committed picture, numbers aside
 * (times, durations, progress and counts move from run to run), so the picture cannot go stale.
 */
const screenshot = `${projectRoot}docs/console-120x40.txt`;
const readme = `${projectRoot}README.md`;
const update = process.env.SAGE_UPDATE_SCREENSHOT === '1';

/** The README shows the same picture, in the code block after this marker. */
const readmeMarker = '<!-- docs/console-120x40.txt, written by test/e2e/console-screenshot.test.ts -->\n```text\n';

function readmePicture(text: string): {start: number; end: number} | undefined {
	const start = text.indexOf(readmeMarker);
	const end = start < 0 ? -1 : text.indexOf('\n```', start + readmeMarker.length);
	return end < 0 ? undefined : {start: start + readmeMarker.length, end};
}

/** The picture without what changes from run to run: every number, the bars' fill, runs of spaces. */
export function normalizeScreen(text: string): string {
	return text.split('\n').map(line => line
		.replaceAll(/\d+/g, '#')
		.replaceAll(/#(?:\.#)?(?:ms|s)\b/g, '#s')
		.replaceAll(/[█░]+/g, '▒')
		.replaceAll(/ +/g, ' ')
		.trimEnd()).join('\n').trimEnd();
}

/**
 * The shipped root, copied to a folder of a fixed length under /tmp: the sync's log line names its
 * sample folder, and the picture shows that folder as /tmp/sage-test-XXXXXX on every machine.
 */
function makeShippedBox(): TempRoot {
	const root = makeTempRoot({}, '/tmp');
	root.write('config/jobs.yaml', readFileSync(path.join(projectRoot, 'config/jobs.yaml'), 'utf8'));
	for (const folder of ['jobs', 'data/sample']) {
		cpSync(path.join(projectRoot, folder), path.join(root.dir, folder), {recursive: true});
	}

	return root;
}

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
});

describe.skipIf(!hasTmux || !hasFaketime)('the README\'s screenshot (docs/console-120x40.txt)', () => {
	it('is what the console shows at 120×40', async () => {
		root = makeShippedBox();
		const s = openTmuxSession('sage', `cd ${root.dir} && ${atTime('2026-12-07T08:00:00+08:00', binary)}; sleep 120`, 120, 40);
		await s.see('Jobs (10)', 30_000);
		s.keys('r');
		await s.see(/compute_indicators .*✓/);
		// An operator checks a service that is down, from another shell: the run goes through the console's scheduler.
		const check = runCli(['run', 'health_check', '--root', root.dir, '--param', 'urls=["http://127.0.0.1:9/health"]']);
		expect(check.code, check.stderr).toBe(1);
		await s.see('Failures today (1)');
		// The answers on the status line fade; the picture shows the keys.
		await s.see('Tab panel · Enter open · r run', 20_000);
		const rows = s.rows().map(row => row.trimEnd());
		expect(rows).toHaveLength(40);
		expect(Math.max(...rows.map(row => stringWidth(row)))).toBeLessThanOrEqual(120);
		const captured = `${rows.join('\n').trimEnd().replaceAll(root.dir, '/tmp/sage-test-XXXXXX')}\n`;
		for (const part of ['2026-12-07 08:', '◆ trading day · opens 09:15 in 1h 1', '▌Jobs (10)', 'Running (0)', 'Log · all jobs', 'Failures today (1)', '? help · q quit']) {
			expect(captured).toContain(part);
		}

		const readmeText = readFileSync(readme, 'utf8');
		const picture = readmePicture(readmeText);
		expect(picture, `README.md has no picture block (${JSON.stringify(readmeMarker)})`).toBeDefined();
		if (update) {
			writeFileSync(screenshot, captured);
			writeFileSync(readme, `${readmeText.slice(0, picture!.start)}${captured.trimEnd()}${readmeText.slice(picture!.end)}`);
			return;
		}

		expect(existsSync(screenshot), 'docs/console-120x40.txt is missing: SAGE_UPDATE_SCREENSHOT=1 npx vitest run test/e2e/console-screenshot.test.ts').toBe(true);
		const committed = readFileSync(screenshot, 'utf8');
		expect(normalizeScreen(captured), 'the console no longer looks like docs/console-120x40.txt: check the change, then SAGE_UPDATE_SCREENSHOT=1 npx vitest run test/e2e/console-screenshot.test.ts and commit the picture').toBe(normalizeScreen(committed));
		expect(normalizeScreen(readmeText.slice(picture!.start, picture!.end)), 'README.md\'s picture differs from docs/console-120x40.txt: SAGE_UPDATE_SCREENSHOT=1 npx vitest run test/e2e/console-screenshot.test.ts').toBe(normalizeScreen(committed));
	});
});
