import {onTestFinished} from 'vitest';
import {makeTempRoot, type TempRoot} from './temp-root.js';

/**
 * A throwaway root (makeTempRoot) removed when the current test ends, passed, failed or timed out:
 * after a tmux session opened later (openTmuxSession), whose end-of-test hook runs first.
 */
export function rootForTest(files: Record<string, string> = {}): TempRoot {
	const root = makeTempRoot(files);
	onTestFinished(() => {
		root.remove();
	});
	return root;
}
