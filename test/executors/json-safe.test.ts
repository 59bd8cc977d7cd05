import {describe, expect, it} from 'vitest';
import {toJsonSafe} from '../../src/executors/json-safe.js';
import {capText, progressFraction, progressMessage} from '../../src/executors/progress-value.js';

describe('toJsonSafe: a job\'s result as plain JSON data', () => {
	it('keeps plain data as it is, with no notes', () => {
		const value = {rows: 3, symbols: ['600519.SH'], ok: true, none: null, nested: {a: [1, {b: 'c'}]}};
		expect(toJsonSafe(value)).toEqual({value, notes: []});
		expect(toJsonSafe(undefined)).toEqual({value: undefined, notes: []});
		expect(toJsonSafe('text')).toEqual({value: 'text', notes: []});
	});

	it('keeps Object.create(null) objects as plain objects, Dates as ISO text, boxed values as their primitive', () => {
		const bare = Object.create(null) as Record<string, unknown>;
		bare.symbol = '600519.SH';
		const {value, notes} = toJsonSafe({bare, at: new Date(Date.UTC(2026, 11, 3, 8)), invalid: new Date(Number.NaN), boxed: Object('x') as unknown});
		expect(value).toEqual({bare: {symbol: '600519.SH'}, at: '2026-12-03T08:00:00.000Z', invalid: null, boxed: 'x'});
		expect(Object.getPrototypeOf((value as {bare: object}).bare)).toBe(Object.prototype);
		expect(notes).toEqual([]);
	});

	it('turns BigInt into text, cycles into "[Circular]", drops functions and symbols; each noted by path, never with a function\'s source', () => {
		const loop: Record<string, unknown> = {name: 'loop'};
		loop.self = loop;
		loop.list = [loop];
		const {value, notes} = toJsonSafe({total: 2n ** 70n, loop, fn: function secretSource() {
			return 'do not print me';
		}, sym: Symbol('s'), list: [() => 1, Symbol('t'), undefined]});
		expect(value).toEqual({total: '1180591620717411303424', loop: {name: 'loop', self: '[Circular]', list: ['[Circular]']}, list: [null, null, null]});
		expect(notes).toEqual([
			'result.total: BigInt kept as a string',
			'result.loop.self: circular reference replaced by "[Circular]"',
			'result.loop.list[0]: circular reference replaced by "[Circular]"',
			'result.fn: function dropped',
			'result.sym: symbol dropped',
			'result.list[0]: function dropped',
			'result.list[1]: symbol dropped',
		]);
		expect(JSON.stringify(notes)).not.toContain('do not print me');
	});

	it('the same object twice (not a cycle) is kept twice', () => {
		const shared = {a: 1};
		expect(toJsonSafe({x: shared, y: shared})).toEqual({value: {x: {a: 1}, y: {a: 1}}, notes: []});
	});

	it('a throwing toJSON or getter, or a Proxy that throws, replaces only that value with a marker', () => {
		const proxy = new Proxy({}, {
			ownKeys() {
				throw new Error('trap');
			},
		});
		const {value, notes} = toJsonSafe({
			bad: {toJSON() {
				throw new Error('toJSON broke');
			}},
			getter: Object.defineProperty({}, 'x', {enumerable: true, get() {
				throw new TypeError('no reading');
			}}),
			proxy,
			good: 1,
		});
		expect(value).toEqual({bad: '[toJSON threw: Error: toJSON broke]', getter: {x: '[Unreadable]'}, proxy: '[Unreadable]', good: 1});
		expect(notes).toEqual([
			'result.bad: toJSON() threw, replaced by a marker',
			'result.getter.x: reading it threw (TypeError: no reading), replaced by "[Unreadable]"',
			'result.proxy: could not be read (Error: trap), replaced by "[Unreadable]"',
		]);
	});

	it('uses toJSON where there is one, keeps Maps, Sets, typed arrays and Errors readable, non-finite numbers as null', () => {
		const {value, notes} = toJsonSafe({
			money: {toJSON: () => '12.50 CNY'},
			map: new Map<unknown, unknown>([['a', 1], [2, 'b']]),
			objectKeys: new Map([[{}, 1]]),
			set: new Set(['x']),
			bytes: new Uint8Array([1, 2]),
			error: new RangeError('bad range'),
			inf: Number.POSITIVE_INFINITY,
		});
		expect(value).toEqual({money: '12.50 CNY', map: {a: 1, 2: 'b'}, objectKeys: [[{}, 1]], set: ['x'], bytes: [1, 2], error: {name: 'RangeError', message: 'bad range'}, inf: null});
		expect(notes).toEqual(['result.inf: Infinity kept as null']);
	});

	it('a key named __proto__ stays a key, and never sets a prototype', () => {
		const {value} = toJsonSafe(JSON.parse('{"__proto__": {"polluted": true}}'));
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect(JSON.stringify(value)).toBe('{"__proto__":{"polluted":true}}');
		expect(({} as {polluted?: boolean}).polluted).toBeUndefined();
	});

	it('cuts a chain deeper than 64 levels and caps its notes', () => {
		let deep: Record<string, unknown> = {end: true};
		for (let i = 0; i < 200; i++) {
			deep = {next: deep};
		}

		const {value, notes} = toJsonSafe(deep);
		expect(JSON.stringify(value)).toContain('[Too deep]');
		expect(notes).toHaveLength(1);
		const many = toJsonSafe(Array.from({length: 50}, () => () => 1));
		expect(many.notes).toHaveLength(21);
		expect(many.notes.at(-1)).toBe('… and 30 more');
	});
});

describe('progress values', () => {
	it('passes only finite numbers on, clamped to 0..1', () => {
		expect([0.42, -1, 7, Number.NaN, Number.POSITIVE_INFINITY, '0.5', undefined, null, {}].map(progressFraction)).toEqual([0.42, 0, 1, undefined, undefined, undefined, undefined, undefined, undefined]);
	});

	it('messages are strings, capped; other values String()-ed when that does not throw', () => {
		expect(progressMessage('fetched 600519.SH')).toBe('fetched 600519.SH');
		expect(progressMessage(undefined)).toBeUndefined();
		expect(progressMessage(42)).toBe('42');
		expect(progressMessage(Symbol('s'))).toBe('Symbol(s)');
		expect(progressMessage({toString() {
			throw new Error('no');
		}})).toBe('[unprintable value]');
		const long = progressMessage('行'.repeat(2000))!;
		expect(long).toHaveLength(500);
		expect(long.endsWith('…')).toBe(true);
		expect(capText(`${'a'.repeat(7)}😀b`, 9)).toBe(`${'a'.repeat(7)}…`);
	});
});
