/**
 * A TypeScript job that finds its files from where it is written: `import.meta.dirname` and
 * `import.meta.filename` (Node 20.11+), and `__dirname`/`__filename`, which TypeScript lets a job
 * use. The job runs from its bundle in data/cache/jobs/, in a job worker whose globals have `__dirname`
 * '.': a job reading `path.join(import.meta.dirname, 'symbols.csv')` read data/cache/jobs/symbols.csv,
 * one using `__dirname` the scheduler's current folder, neither saying so.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli, runResultIn} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const throwingLine = '\tif (!name) { const from = import.meta.url; throw new Error(`no file name (${path.basename(from)})`); }';
const helperSource = `import path from 'node:path';

const here = import.meta.dirname;
export const helperUrl = import.meta.url;

export function dataFile(name: string): string {
${throwingLine}
	return path.join(here, name);
}
`;

// The words in strings, a template's text and comments are text, not import.meta; the line with 中文 before
// a real import.meta checks the rewrite lands on it (esbuild counts columns in bytes) and moves no column.
const mentionsLine = '\tif (ctx.params.fail) { const where = `中文 ${import.meta.url} import.meta.url`; throw new Error(where); }';
const mentionsSource = `const hint = "see import.meta.url";

export default function run(ctx: {params: {fail?: string}; log: {info(message: string): void}}) {
	// import.meta.dirname is where this file is.
${mentionsLine}
	ctx.log.info(\`\${hint}; 'import.meta.dirname' /* import.meta .filename */\`);
	return {hint, file: import.meta.filename};
}
`;

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: where, trigger: manual, module: jobs/where.ts}\n  - {id: own_dirname, trigger: manual, module: jobs/own-dirname.ts}\n  - {id: esm_dirname, trigger: manual, module: jobs/esm-dirname.mjs}\n  - {id: helper, trigger: manual, module: jobs/uses-helper.ts}\n  - {id: mentions, trigger: manual, module: jobs/mentions.ts}\n  - {id: decorated, trigger: manual, module: jobs/decorated.ts}\n',
	'jobs/symbols.csv': '600519.SH\n000001.SZ\n',
	'jobs/where.ts': `import {readFileSync} from 'node:fs';
import path from 'node:path';

export default function run() {
	return {
		url: import.meta.url, filename: import.meta.filename, dirname: import.meta.dirname, cjsFile: __filename, cjsDir: __dirname,
		symbols: readFileSync(path.join(import.meta.dirname, 'symbols.csv'), 'utf8').trim().split('\\n'),
	};
}
`,
	// The usual ES module idiom: its own __dirname stays its own.
	'jobs/own-dirname.ts': `import path from 'node:path';
import {fileURLToPath} from 'node:url';

const __dirname = path.dirname(fileURLToPath(import.meta.url));

export default function run() {
	return {cjsDir: __dirname};
}
`,
	// A helper in jobs/lib/ finds its files from its own place, not the job's.
	'jobs/lib/data-files.ts': helperSource,
	'jobs/lib/symbols.csv': '600000.SH\n',
	'jobs/mentions.ts': mentionsSource,
	// TypeScript's older decorators, as a project's tsconfig may ask: a parameter's is no standard decorator.
	'tsconfig.json': '{"compilerOptions": {"experimentalDecorators": true}}\n',
	'jobs/decorated.ts': `function logged(_target: object, _key: string | undefined, _index: number) {}

class Feed {
	constructor(@logged readonly name: string) {}
	where() {
		return import.meta.url;
	}
}

export default function run() {
	return new Feed('bars').where();
}
`,
	'jobs/uses-helper.ts': `import {dataFile, helperUrl} from './lib/data-files.js';

export default function run(ctx: {params: {name?: string}}) {
	return {file: dataFile(ctx.params.name ?? 'symbols.csv'), helperUrl};
}
`,
	// An ES module has no __dirname in Node: the job worker's global '.' was read as the job's own.
	'jobs/esm-dirname.mjs': `import path from 'node:path';

export default function run() {
	return path.join(__dirname, 'symbols.csv');
}
`,
};

describe('a TypeScript job\'s own location', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());
	const result = (jobId: string) => runResultIn(root.dir, jobId);

	it('is its source file in jobs/, by import.meta and by __dirname/__filename', () => {
		const jobs = `${root.dir}/jobs`;
		expect(result('where')).toEqual({
			url: `file://${jobs}/where.ts`, filename: `${jobs}/where.ts`, dirname: jobs, cjsFile: `${jobs}/where.ts`, cjsDir: jobs,
			symbols: ['600519.SH', '000001.SZ'],
		});
		expect(result('own_dirname')).toEqual({cjsDir: jobs});
	});
});

describe('a helper a TypeScript job imports from jobs/lib/', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());

	it('has its own import.meta, and a throw on a line using it is at its own column', () => {
		const run = runCli(['run', 'helper'], {cwd: root.dir});
		expect(run.stdout).toContain(`result: {"file":"${root.dir}/jobs/lib/symbols.csv","helperUrl":"file://${root.dir}/jobs/lib/data-files.ts"}`);
		const failing = runCli(['run', 'helper', '--param', 'name='], {cwd: root.dir});
		expect(failing.stdout).toContain('Error: no file name (data-files.ts)\n');
		expect(failing.stdout).toContain(`at dataFile (${root.dir}/jobs/lib/data-files.ts:7:${throwingLine.indexOf('new Error') + 1})`);
	});
});

describe('a TypeScript job naming import.meta in its text', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());

	it('logs and returns that text as written, and reads its own import.meta where it is code', () => {
		const run = runCli(['run', 'mentions'], {cwd: root.dir});
		expect(run.stdout).toContain(' INFO  see import.meta.url; \'import.meta.dirname\' /* import.meta .filename */\n');
		expect(run.stdout).toContain(`result: {"hint":"see import.meta.url","file":"${root.dir}/jobs/mentions.ts"}`);
		const failing = runCli(['run', 'mentions', '--param', 'fail=1'], {cwd: root.dir});
		expect(failing.stdout).toContain(`Error: 中文 file://${root.dir}/jobs/mentions.ts import.meta.url\n`);
		expect(failing.stdout).toContain(`at run (${root.dir}/jobs/mentions.ts:5:${mentionsLine.indexOf('new Error') + 1})`);
	});

	it('reads its own import.meta in a file with a parameter decorator', () => {
		expect(runCli(['run', 'decorated'], {cwd: root.dir}).stdout).toContain(`result: "file://${root.dir}/jobs/decorated.ts"\n`);
	});
});

// Without experimentalDecorators (TypeScript's default), a decorator on a class expression is a standard one,
// which the older kind refuses; and a file saved with a byte order mark, whose first line esbuild counts
// from after it.
const ownTsconfigFiles = {
	'config/jobs.yaml': 'jobs:\n  - {id: standard_decorated, trigger: manual, module: jobs/standard-decorated.ts}\n  - {id: bom, trigger: manual, module: jobs/bom.ts}\n',
	'jobs/standard-decorated.ts': `function sealed<T>(value: T, _context: ClassDecoratorContext): T {
	return value;
}

const Feed = @sealed class {
	where() {
		return import.meta.url;
	}
};

export default function run() {
	return new Feed().where();
}
`,
	'jobs/bom.ts': '\uFEFFexport default function run() { return import.meta.url; }\n',
};

describe('a TypeScript job in a project without experimentalDecorators', () => {
	const root = makeTempRoot(ownTsconfigFiles);
	afterAll(() => root.remove());

	it('reads its own import.meta in a file with a standard decorator on a class expression', () => {
		expect(runCli(['run', 'standard_decorated'], {cwd: root.dir}).stdout).toContain(`result: "file://${root.dir}/jobs/standard-decorated.ts"\n`);
	});

	it('reads its own import.meta on the first line of a file that starts with a byte order mark', () => {
		expect(runCli(['run', 'bom'], {cwd: root.dir}).stdout).toContain(`result: "file://${root.dir}/jobs/bom.ts"\n`);
	});
});

describe('a JavaScript (ES module) job using __dirname', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());

	it('fails as in Node, saying __dirname is not defined, instead of reading the worker\'s \'.\'', () => {
		const run = runCli(['run', 'esm_dirname'], {cwd: root.dir});
		expect(run.stdout).toContain('ReferenceError: __dirname is not defined');
		expect(run.stdout).toContain(`at run (file://${root.dir}/jobs/esm-dirname.mjs:4:19)`);
		expect(run.code).toBe(1);
	});
});
