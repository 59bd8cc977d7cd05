import {UsageError} from './usage-error.js';

/**
 * The RUN_ID of `show`, `logs`, `cancel` and `retry`, as history lists it: digits only. `Number()` alone
 * took `1e3` for run 1000 and `0x10` for run 16, and past 2^53 read 99999999999999999999 as a run
 * 100000000000000000000 that was never typed; all are refused here, saying what was typed.
 * @param example the command line the message shows, `sage-console show 42`
 */
export function runIdArgument(text: string | undefined, command: string, example: string): number {
	const runId = Number(text);
	if (text === undefined || text === '') {
		throw new UsageError(`${command} needs a run id, e.g. ${example}`);
	}

	if (!/^\d+$/.test(text) || !Number.isSafeInteger(runId) || runId < 1) {
		throw new UsageError(`${command}: ${JSON.stringify(text)} is not a run id (a whole number from 1, as history lists it), e.g. ${example}`);
	}

	return runId;
}
