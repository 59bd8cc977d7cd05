/**
 * The console's UI thread holds only what drawing needs: SQLite, YAML, pino and croner belong to its
 * scheduler thread (which loads them itself) and to the crash path (loaded at the first crash). Each
 * module a thread imports stays in its heap for the console's whole day; these four and the ~90 files
 * of ours that reach them were ~3 MB of an idle console's RSS (idle_console, shipped box: median
 * 111.5 MB before, 108.8 MB after, five runs each).
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {srcDir as src, staticallyReached} from '../helpers/static-imports.js';

/** The packages a source file reaches through static imports (dynamic `import()` and `import type` left out). */
const packagesReached = (entry: string) => staticallyReached(entry).packages;

describe("the console's UI thread", () => {
	it('imports neither SQLite, YAML, pino nor croner when it opens (they load on its scheduler thread)', () => {
		const reached = packagesReached(path.join(src, 'cli/commands/console-command.ts'));
		// Given: the walk sees the UI's own packages, so an empty answer is not the walk failing.
		expect(reached).toContain('ink');
		expect([...reached].filter(name => ['better-sqlite3', 'yaml', 'pino', 'croner'].includes(name))).toEqual([]);
	});

	it('does not load SQLite to read the command line or to tell an error its exit code', () => {
		expect(packagesReached(path.join(src, 'cli/main.tsx'))).not.toContain('better-sqlite3');
	});
});
