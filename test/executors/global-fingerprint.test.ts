import {describe, expect, it} from 'vitest';
import {GlobalFingerprint} from '../../src/executors/global-fingerprint.js';

// Each test changes a global and puts it back within one synchronous stretch: nothing else runs between.
describe('GlobalFingerprint', () => {
	it('finds nothing when nothing changed, again and again', () => {
		const fingerprint = GlobalFingerprint.take();
		expect(fingerprint.changes()).toEqual([]);
		expect(fingerprint.changes()).toEqual([]);
	});

	it('names a replaced built-in, and nothing once it is put back', () => {
		const fingerprint = GlobalFingerprint.take();
		const findLast = Array.prototype.findLast;
		try {
			Array.prototype.findLast = function () {
				return undefined;
			};

			expect(fingerprint.changes()).toEqual(['Array.prototype.findLast was changed']);
		} finally {
			Array.prototype.findLast = findLast;
		}

		expect(fingerprint.changes()).toEqual([]);
	});

	it('names a property whose flags changed though its value did not', () => {
		const fingerprint = GlobalFingerprint.take();
		const descriptor = Object.getOwnPropertyDescriptor(JSON, 'stringify')!;
		try {
			Object.defineProperty(JSON, 'stringify', {...descriptor, enumerable: true});
			expect(fingerprint.changes()).toEqual(['JSON.stringify was changed']);
		} finally {
			Object.defineProperty(JSON, 'stringify', descriptor);
		}

		expect(fingerprint.changes()).toEqual([]);
	});

	it('names a getter put in place of a value, and an added or deleted global', () => {
		const fingerprint = GlobalFingerprint.take();
		const descriptor = Object.getOwnPropertyDescriptor(Math, 'max')!;
		try {
			Object.defineProperty(Math, 'max', {get: () => descriptor.value as unknown, configurable: true});
			expect(fingerprint.changes()).toEqual(['Math.max was changed']);
		} finally {
			Object.defineProperty(Math, 'max', descriptor);
		}

		const added = globalThis as {leftBehind?: number};
		added.leftBehind = 1;
		try {
			expect(fingerprint.changes()).toEqual(['globalThis.leftBehind was added']);
		} finally {
			delete added.leftBehind;
		}

		const escape = Object.getOwnPropertyDescriptor(globalThis, 'escape')!;
		delete (globalThis as {escape?: unknown}).escape;
		try {
			expect(fingerprint.changes()).toEqual(['globalThis.escape was deleted']);
		} finally {
			Object.defineProperty(globalThis, 'escape', escape);
		}
	});

	it('finds nothing when a property was only removed and put back the same (its place among the keys moved)', () => {
		const fingerprint = GlobalFingerprint.take();
		const descriptor = Object.getOwnPropertyDescriptor(Math, 'abs')!;
		delete (Math as {abs?: unknown}).abs;
		Object.defineProperty(Math, 'abs', descriptor);
		expect(fingerprint.changes()).toEqual([]);
		expect(fingerprint.changes()).toEqual([]);
	});

	it('names a changed process.env, and nothing once it is as it was', () => {
		const fingerprint = GlobalFingerprint.take();
		process.env.SAGE_FINGERPRINT_TEST = '1';
		try {
			expect(fingerprint.changes()).toEqual(['process.env was changed']);
		} finally {
			delete process.env.SAGE_FINGERPRINT_TEST;
		}

		expect(fingerprint.changes()).toEqual([]);
	});
});
