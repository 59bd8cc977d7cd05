/**
 * `init` given a file where the project folder should be (or under one) says so and writes nothing,
 * instead of an unexpected error's stack. The built CLI, real files.
 */
import {readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {scratchDir} from '../helpers/temp-root.js';

describe('sage-console init onto a file', () => {
	it('names the file, writes nothing and exits 1, for the file itself and for a folder under it', () => {
		const dir = scratchDir('sage-init-file-');
		const notes = path.join(dir, 'notes.txt');
		writeFileSync(notes, 'mine\n');
		for (const target of [notes, path.join(notes, 'box')]) {
			const result = runCli(['init', target]);
			expect(result).toMatchObject({code: 1, stdout: ''});
			expect(result.stderr).toBe(`sage-console init: cannot write the starter files into ${target}: ${target} or a folder above it is a file, not a folder; nothing was written\n`);
		}

		expect(readdirSync(dir)).toEqual(['notes.txt']);
	});
});
