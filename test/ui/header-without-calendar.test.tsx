/**
 * The header of a console that has no calendar to go by (a scheduler too old to send one in its
 * snapshot, and a local config/calendar.yaml that does not read): the clock and today's figures, no
 * market words guessed from the shipped closures alone.
 */
import {describe, expect, it} from 'vitest';
import {Header} from '../../src/ui/panels/header.js';
import {renderAt} from './terminal-at.js';

const now = Date.parse('2026-12-07T08:00:06+08:00');
const today = {day: '2026-12-07', runs: 3, succeeded: 2, failed: 1};

describe('the header with no calendar', () => {
	it('leaves the market out and keeps the rest, at 120 and at 80 columns', () => {
		for (const width of [120, 80]) {
			const ui = renderAt(<Header now={now} calendar={undefined} jobs={10} running={0} today={today} loopDelayMs={3} warningRows={[]} attachedTo={4242} width={width}/>, width, 3);
			const header = ui.lastFrame().split('\n')[0]!.trimEnd();
			ui.unmount();
			expect(header).not.toContain('◆');
			expect(header).toMatch(/08:00:06 {2}(jobs 10 · )?running 0 │ /);
			expect(header).toMatch(/1 failed │ (attached to )?pid 4242/);
		}
	});
});
