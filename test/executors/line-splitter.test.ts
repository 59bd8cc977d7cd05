import {describe, expect, it} from 'vitest';
import {LineSplitter} from '../../src/executors/line-splitter.js';

const texts = (lines: Array<{text: string}>) => lines.map(line => line.text);

describe('LineSplitter', () => {
	it('splits chunks into lines, carries a partial line, drops CR of CRLF, and hands the last line over at the end', () => {
		const splitter = new LineSplitter();
		expect(texts(splitter.push(Buffer.from('one\r\ntw')))).toEqual(['one']);
		expect(texts(splitter.push(Buffer.from('o\n\nthr')))).toEqual(['two', '']);
		expect(texts(splitter.push(Buffer.from('ee')))).toEqual([]);
		expect(texts(splitter.end())).toEqual(['three']);
		expect(splitter.end()).toEqual([]);
	});

	it('keeps a UTF-8 character whole when a chunk splits it', () => {
		const bytes = Buffer.from('贵州茅台\n');
		const splitter = new LineSplitter();
		const lines = [...splitter.push(bytes.subarray(0, 4)), ...splitter.push(bytes.subarray(4))];
		expect(texts(lines)).toEqual(['贵州茅台']);
	});

	it('cuts a long line at the cap, on a character boundary, and names its whole length', () => {
		const splitter = new LineSplitter(10);
		const lines = [...splitter.push(Buffer.from('abcdefgh茅台')), ...splitter.push(Buffer.from('xyz\nnext\n'))];
		expect(lines).toEqual([{text: 'abcdefgh… [line truncated: 17 bytes]', cutFrom: 17}, {text: 'next'}]);
	});

	it('reads a 50 MB line in 64 KiB chunks keeping only the first 64 KiB (no quadratic joining)', () => {
		const splitter = new LineSplitter();
		const chunk = Buffer.alloc(64 * 1024, 'x');
		for (let i = 0; i < 800; i++) {
			expect(splitter.push(chunk)).toEqual([]);
		}

		const [line] = splitter.push(Buffer.from('\n'));
		expect(line!.cutFrom).toBe(800 * 64 * 1024);
		expect(line!.text).toBe(`${'x'.repeat(64 * 1024)}… [line truncated: 52428800 bytes]`);
	});

	it('with redraws, keeps a line redrawn with carriage returns as its last state, across chunks and past the cap', () => {
		const splitter = new LineSplitter(64, {redraws: true});
		const redraws = Array.from({length: 200}, (_, i) => `\r${String(i).padStart(3)}/199 ${'#'.repeat(i % 10)}`).join('');
		const bytes = Buffer.from(`${redraws}\nplain\r\n\r\rlast\r\r\n`);
		const lines = [...splitter.push(bytes.subarray(0, 1001)), ...splitter.push(bytes.subarray(1001))];
		expect(lines).toEqual([{text: '199/199 #########', redrawn: true}, {text: 'plain'}, {text: 'last', redrawn: true}]);
	});

	it('with redraws, tells the state a line being redrawn shows before its newline comes', () => {
		const splitter = new LineSplitter(64, {redraws: true});
		expect(splitter.push(Buffer.from('loading'))).toEqual([]);
		expect(splitter.current()).toBeUndefined();
		splitter.push(Buffer.from('\r 10%|#  |\r 40%|#'));
		expect(splitter.current()).toBe(' 40%|#');
		splitter.push(Buffer.from('## |'));
		expect(splitter.current()).toBe(' 40%|### |');
		expect(splitter.push(Buffer.from('\nnext'))).toEqual([{text: ' 40%|### |', redrawn: true}]);
		expect(splitter.current()).toBeUndefined();
	});

	it('with redraws, a carriage return at a chunk end before the newline is a CRLF, not a redraw', () => {
		const splitter = new LineSplitter(64, {redraws: true});
		expect(texts(splitter.push(Buffer.from('done\r')))).toEqual([]);
		expect(texts(splitter.push(Buffer.from('\n 50%\r100%')))).toEqual(['done']);
		expect(texts(splitter.end())).toEqual(['100%']);
	});

	it('with gbk, reads a line that is not UTF-8 but whole GB18030 as that; UTF-8, binary and Latin-1 as before', () => {
		const splitter = new LineSplitter(64, {gbk: true});
		const bytes = Buffer.concat([
			Buffer.from('行情同步完成 600519.SH 贵州茅台\n'),
			Buffer.from(new Uint8Array([0xD0, 0xD0, 0xC7, 0xE9, 0xCD, 0xAC, 0xB2, 0xBD, 0x20, 0xCD, 0xEA, 0xB3, 0xC9, 0x0A])),
			Buffer.from([0x62, 0x00, 0xFF, 0xFE, 0x0A]),
			Buffer.from('caf\u00E9 ok\n', 'latin1'),
		]);
		expect(texts(splitter.push(bytes))).toEqual(['行情同步完成 600519.SH 贵州茅台', '行情同步 完成', 'b\u0000\uFFFD\uFFFD', 'caf\uFFFD ok']);
		expect(texts(new LineSplitter().push(Buffer.from([0xCD, 0xEA, 0xB3, 0xC9, 0x0A])))[0]).toMatch(/^\uFFFD+$/);
	});
});
