import {existsSync} from 'node:fs';
import path from 'node:path';
import type {ServiceTarget} from '../supervisor/service-definition.js';
import type {MapReader} from './map-reader.js';
import {readProcessCwd, readProcessEnv} from './process-env-reader.js';

/**
 * A service's `command` (with `shell`) or `module`, with its `cwd` and `env`: the process kept up.
 * `moduleFileOptional`: a module file not there is not reported (a worker's read, worker-own-jobs.ts).
 */
export function readServiceTarget(reader: MapReader, root: string, moduleFileOptional = false): ServiceTarget | undefined {
	const hasModule = reader.has('module');
	if (hasModule === reader.has('command')) {
		reader.source.report(reader.map, hasModule ? 'give either module or command, not both' : 'a service needs a command (a list such as ["python3", "collect.py"]) or a module (a script run by Node)');
		return undefined;
	}

	const envs = readProcessEnv(reader);
	const cwd = path.resolve(root, readProcessCwd(reader) ?? '.');
	if (hasModule) {
		const file = reader.string('module');
		if (file !== undefined && !moduleFileOptional && !existsSync(path.resolve(root, file))) {
			reader.report('module', `module file not found: ${file}`);
			reader.source.missingFiles.push(path.resolve(root, file));
			return undefined;
		}

		return file === undefined ? undefined : {kind: 'module', path: path.resolve(root, file), cwd, env: envs};
	}

	const shell = reader.boolean('shell') ?? false;
	const raw = reader.value('command');
	if (typeof raw === 'string' && shell) {
		return {kind: 'command', argv: [raw], shell, cwd, env: envs};
	}

	if (Array.isArray(raw) && raw.length > 0 && raw.every(part => typeof part === 'string' || typeof part === 'number')) {
		return {kind: 'command', argv: raw.map(String), shell, cwd, env: envs};
	}

	reader.report('command', typeof raw === 'string' ? 'command must be a list such as ["python3", "collect.py"]; a string needs shell: true' : 'command must be a non-empty list of strings');
	return undefined;
}
