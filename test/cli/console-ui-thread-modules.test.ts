/**
 * The console's UI thread holds only what drawing needs: SQLite, YAML, pino and croner belong to its
 * scheduler thread (which loads them itself) and to the crash path (loaded at the first crash). Each
 * module a thread imports stays in its heap for the console's whole day; these four and the ~90 files
 * of ours that reach them were ~3 MB of an idle console's RSS (idle_console, shipped box: median
 * 111.5 MB before, 108.8 MB after, five runs each).
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

/** The packages a source file reaches through static imports (dynamic `import()` and `import type` left out). */
function packagesReached(entry: string): Set<string> {
	const packages = new Set<string>();
	const seen = new Set<string>([entry]);
	const queue = [entry];
	for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
		for (const statement of source.statements) {
			const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly : ts.isExportDeclaration(statement) && statement.isTypeOnly;
			const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && !typeOnly ? statement.moduleSpecifier : undefined;
			if (!specifier || !ts.isStringLiteral(specifier) || specifier.text.startsWith('node:')) {
				continue;
			}

			if (!specifier.text.startsWith('.')) {
				packages.add(specifier.text.split('/').slice(0, specifier.text.startsWith('@') ? 2 : 1).join('/'));
				continue;
			}

			const base = path.resolve(path.dirname(file), specifier.text).replace(/\.js$/, '');
			const target = [`${base}.ts`, `${base}.tsx`].find(candidate => {
				try {
					readFileSync(candidate);
					return true;
				} catch {
					return false;
				}
			});
			if (target && !seen.has(target)) {
				seen.add(target);
				queue.push(target);
			}
		}
	}

	return packages;
}

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
