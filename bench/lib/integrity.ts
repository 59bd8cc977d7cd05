/**
 * A benchmark that measured nothing must fail, naming what: a subject with no samples, a peer that is
 * not installed, a figure that is not a number. Nothing is printed as NaN, and no row ever stands in
 * for a subject that did not run.
 */
import {execFileSync} from 'node:child_process';

export class BenchError extends Error {
	override name = 'BenchError';
}

export type Row = {metric: string; subject: string} & Record<string, number | string>;

/** Throws when any figure of `rows` is not finite, naming the row's metric and subject. */
export function checkFigures(rows: readonly Row[]): void {
	for (const row of rows) {
		for (const [key, value] of Object.entries(row)) {
			if (typeof value === 'number' && !Number.isFinite(value)) {
				throw new BenchError(`${row.metric} / ${row.subject}: ${key} is ${value} (the subject produced no usable samples)`);
			}
		}
	}
}

/** Throws unless `samples` has at least `least` entries, naming the subject. */
export function requireSamples<T>(subject: string, metric: string, samples: readonly T[] | undefined, least = 1): readonly T[] {
	if (!samples || samples.length < least) {
		throw new BenchError(`${metric} / ${subject}: ${samples?.length ?? 0} samples (at least ${least} expected): the subject measured nothing`);
	}

	return samples;
}

/** Throws naming the peer when a program the bench compares with is not installed. */
export function requirePeer(name: string, command: string, args: string[], install: string): void {
	try {
		execFileSync(command, args, {stdio: 'ignore'});
	} catch {
		throw new BenchError(`peer ${name} is missing (${command} ${args.join(' ')} failed): ${install}`);
	}
}
