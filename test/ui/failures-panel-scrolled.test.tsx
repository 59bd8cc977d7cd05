/**
 * The Failures panel with more failures than rows says which of them it shows, as the jobs panel does
 * (`2-5 of 6`): scrolled down with the keyboard, the newest failure had left the top without a sign,
 * the title's count the only hint that a row was hidden.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {RunSummary} from '../../src/protocol/snapshot.js';
import {FailuresPanel, orderFailures} from '../../src/ui/panels/failures-panel.js';

const at = (clock: string) => Date.parse(`2026-12-07T${clock}+08:00`);
const failures: RunSummary[] = [43, 42, 31, 24, 2, 1].map((id, index) => ({
	id, jobId: 'py_broken', trigger: 'manual', status: 'failed', attempt: 1,
	scheduledAt: at(`10:${String(40 - index).padStart(2, '0')}:00`), finishedAt: at(`10:${String(40 - index).padStart(2, '0')}:01`),
	error: {type: 'ExitCode', message: 'python3 exited with code 1'},
}));

function title(cursor: number, focused: boolean, width = 120): string {
	const ui = render(<FailuresPanel failures={orderFailures(failures, new Map())} jobRunsFailed={6} cursor={cursor} focused={focused} width={width} height={5}/>);
	const rows = stripAnsi(ui.lastFrame() ?? '').split('\n');
	ui.unmount();
	return rows[0]!;
}

describe('the Failures panel with more failures than rows', () => {
	it('says which it shows: 2-5 of 6 scrolled down to the fifth, 1-4 of 6 at the top, the keys beside when they fit', () => {
		expect(title(4, true)).toMatch(/Failures today \(6\) ─+ 2-5 of 6 · Enter: stack trace · R: retry$/);
		expect(title(0, true)).toMatch(/ 1-4 of 6 · Enter: stack trace · R: retry$/);
		expect(title(4, false)).toMatch(/ 1-4 of 6 · Enter: stack trace · R: retry$/);
		expect(title(4, true, 50)).toMatch(/Failures today \(6\) ─+ 2-5 of 6$/);
	});
});
