import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Each third-party boundary has one owner folder; everything else reaches it through that folder. */
const owners = {
	ink: ['src/ui'],
	'ink-*': ['src/ui'],
	react: ['src/ui'],
	'better-sqlite3': ['src/store'],
	pino: ['src/log'],
};

const folders = ['src/engine', 'src/market', 'src/time', 'src/config', 'src/ui', 'src/store', 'src/log', 'src/runner', 'src/host', 'src/cli', 'src/core'];

const boundaryRules = folders.map(folder => ({
	files: [`${folder}/**`],
	rules: {
		'no-restricted-imports': ['error', {
			patterns: Object.entries(owners)
				.filter(([, allowed]) => !allowed.includes(folder))
				.map(([name, allowed]) => ({group: [name], message: `only ${allowed.join(', ')} imports ${name}`})),
		}],
	},
}));

/** The HTTP API and its metrics are protocol clients on a thread of their own: never the engine. */
const protocolClientRules = {
	files: ['src/http/**', 'src/metrics/**'],
	rules: {
		'no-restricted-imports': ['error', {
			patterns: [{group: ['**/scheduler/*', '**/host/*', '**/store/*'], message: 'the HTTP API reaches the scheduler only through the protocol (src/protocol)'}],
		}],
	},
};

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'demo/data/**', 'demo/logs/**', 'bench/results.json', '.test-roots/**']},
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			'@typescript-eslint/consistent-type-imports': 'error',
			'no-console': 'error',
			eqeqeq: 'error',
		},
	},
	...boundaryRules,
	protocolClientRules,
	{
		files: ['test/**', 'bench/**', 'jobs/**', 'demo/**'],
		rules: {'no-console': 'off'},
	},
);
