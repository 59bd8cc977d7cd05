/**
 * What a service's process runs (command or module, shell, cwd, env), as a stamp in its environment
 * (`SAGE_SERVICE_TARGET`), so the next scheduler adopting it after a kill -9 knows whether jobs.yaml
 * changed that meanwhile: a reload restarts a running service whose target changed, and so does an
 * adoption. A hash, not the text: env values may be secrets.
 */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import type {ServiceTarget} from './service-definition.js';

export const targetStampVariable = 'SAGE_SERVICE_TARGET';

export function targetStamp(target: ServiceTarget): string {
	return createHash('sha256').update(JSON.stringify(target)).digest('hex').slice(0, 16);
}

/** The stamp process `pid` was started with; undefined when it has none (started by an older version, or it replaced its environment) or cannot be read. */
export function stampOfProcess(pid: number): string | undefined {
	try {
		const entry = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find(variable => variable.startsWith(`${targetStampVariable}=`));
		return entry?.slice(targetStampVariable.length + 1);
	} catch {
		return undefined;
	}
}
