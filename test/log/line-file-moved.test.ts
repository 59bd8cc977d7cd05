/**
 * logs/sage-console.log deleted (logs/ removed) or moved away by an outside logrotate without
 * copytruncate while the scheduler writes it: the next line goes to a new file at the path, not to the
 * one nobody can find any more, and the root guard's next check says it was made anew. A real file.
 */
import {existsSync, readFileSync, renameSync, rmSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {LineFile} from '../../src/log/line-file.js';
import {scratchDir} from '../helpers/temp-root.js';

it('deleted with its folder: the next line makes the folder and file again, and the check says so', () => {
	const dir = path.join(scratchDir('sage-line-file-'), 'logs');
	const file = path.join(dir, 'sage-console.log');
	const lineFile = new LineFile(file);
	lineFile.write('{"msg":"run started"}\n');
	lineFile.flushSync();
	rmSync(dir, {recursive: true});

	lineFile.write('{"msg":"run finished"}\n');
	lineFile.flushSync();

	expect(existsSync(file)).toBe(true);
	expect(readFileSync(file, 'utf8')).toBe('{"msg":"run finished"}\n');
	expect(lineFile.reopenIfGone()).toBe(`${file} was gone; made anew`);
	expect(lineFile.reopenIfGone()).toBeUndefined();
	lineFile.close();
});

it('moved away by logrotate: the lines before are in the moved file, the next in a new one', () => {
	const file = path.join(scratchDir('sage-line-file-'), 'sage-console.log');
	const lineFile = new LineFile(file);
	lineFile.write('{"msg":"before"}\n');
	lineFile.flushSync();
	renameSync(file, `${file}.1`);

	lineFile.write('{"msg":"after"}\n');
	lineFile.flushSync();

	expect(readFileSync(`${file}.1`, 'utf8')).toBe('{"msg":"before"}\n');
	expect(readFileSync(file, 'utf8')).toBe('{"msg":"after"}\n');
	expect(lineFile.reopenIfGone()).toBe(`${file} was gone; made anew`);
	lineFile.close();
});
