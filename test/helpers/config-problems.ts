import {expect} from 'vitest';
import {ConfigError, formatProblem} from '../../src/config/config-problem.js';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';

/** The problems a jobs.yaml text is refused with, as `validate` prints them; fails the test when it loads. */
export function configProblemsOf(yaml: string, rootDir: string): string[] {
	try {
		parseJobsConfig(yaml, 'config/jobs.yaml', rootDir);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return (error as ConfigError).problems.map(p => formatProblem(p));
	}

	throw new Error('expected the config to be rejected');
}
