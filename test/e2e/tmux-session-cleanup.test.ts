/**
 * openTmuxSession: the terminal a test opens is killed when the test ends, even when it fails before
 * reaching any clean-up of its own (its program does not outlive it, holding ports, files or a root).
 */
import {describe, expect, it} from 'vitest';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';

const marker = `tmux-cleanup-${process.pid}-${Date.now() % 100_000}`;

describe.skipIf(!hasTmux)('a terminal opened for a test', () => {
	it.fails('is open while the test runs (this test fails on purpose)', async () => {
		const session = openTmuxSession('cleanup', `sh -c 'sleep 300; : ${marker}'`);
		await waitFor(() => processesWith(marker).length === 1, 10_000, 'the program in the terminal');
		expect(session.format('#{session_name}')).toBe('cleanup');
		throw new Error('failed with its terminal open');
	});

	it('is killed, and its program with it, once that test has ended', async () => {
		await waitFor(() => processesWith(marker).length === 0, 15_000, 'the failed test\'s terminal program to be gone');
	});
});
