/**
 * The console's services panel gets about a fifth of the screen: with more services than that, the rows
 * past it were cut with nothing but the title's count to hint at them. It says which are shown, as the
 * jobs and failures panels do (`1-6 of 9`), and scrolls with the cursor. The built console in tmux
 * (120×40), attached to a built `--headless` supervising nine real services.
 */
import {describe, expect, it} from 'vitest';
import {trackHeadlessProcesses} from '../helpers/run-cli.js';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {hasTmux} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();
const slow = 60_000;
const ids = Array.from({length: 9}, (_, index) => `feed_${index + 1}`);

describe.skipIf(!hasTmux)('a services panel with more services than rows (tmux)', () => {
	it('says which rows it shows, and the last one once the cursor scrolls to it', async () => {
		const root = processes.makeRoot({'feed.sh': '#!/bin/sh\nwhile :; do sleep 0.2; done\n'});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `jobs:
  - {id: tick, trigger: manual, command: ["true"]}
services:
${ids.map(id => `  - {id: ${id}, command: ["sh", "${root.dir}/feed.sh"]}`).join('\n')}
`);
		const {session: s} = await consoleOnHeadless(processes, root.dir, 'services-cut', {timeoutMs: slow});
		const title = () => s.rows().find(line => line.includes('Services (')) ?? '';
		await waitFor(() => title().includes('Services (9 of 9 up)') || undefined, slow, `all nine up:\n${s.screen()}`);
		const inPanel = (id: string) => s.rows().some(line => new RegExp(`[●◐◑↻✗■○] ${id} `).test(line));
		const shown = ids.filter(id => inPanel(id));
		expect(shown.length).toBeLessThan(ids.length);
		expect(title()).toMatch(new RegExp(`Services \\(9 of 9 up\\) ─+ 1-${shown.length} of 9$`));

		// Tab: jobs → running → services; the cursor down to the last service scrolls the panel to it.
		s.keys('Tab', 'Tab');
		await s.see('▌Services', slow);
		s.keys(...ids.map(() => 'Down'));
		await waitFor(() => inPanel('feed_9') || undefined, slow, `feed_9 scrolled into the panel:\n${s.screen()}`);
		await waitFor(() => title().includes(`${ids.length - shown.length + 1}-9 of 9`) || undefined, slow, `the title to say the last rows:\n${s.screen()}`);
		expect(inPanel('feed_1')).toBe(false);
	}, 120_000);
});
