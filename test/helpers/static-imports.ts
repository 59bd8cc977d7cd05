/** What a source file of ours loads through static imports: the way to tell what a thread holds without running it. */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const srcDir = path.resolve(import.meta.dirname, '../../src');

/**
 * The files of src/ (relative to it, `remote/remote-run.ts`) and the packages `entry` reaches through
 * static imports; dynamic `import()` and `import type` are left out, as they load nothing with it.
 */
export function staticallyReached(entry: string): {files: string[]; packages: Set<string>} {
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
			const target = [`${base}.ts`, `${base}.tsx`].find(candidate => existsSync(candidate));
			if (target && !seen.has(target)) {
				seen.add(target);
				queue.push(target);
			}
		}
	}

	return {files: [...seen].map(file => path.relative(srcDir, file)), packages};
}
