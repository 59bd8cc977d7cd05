import type {AppPaths} from '../host/paths.js';
import type {StartSignals} from './start-signals.js';

/** The console on a real terminal: the UI on this thread, the scheduler (or the attachment to one) on its own. */
export async function openConsole(paths: AppPaths, signals: StartSignals): Promise<number> {
	// React's development build is several times slower per frame; the console never needs it.
	process.env.NODE_ENV ??= 'production';
	// We are on a real terminal here. Ink reads CI=true once, at import, and would then draw nothing
	// until exit; hide it for that import only (jobs still see the real environment). Removed, not set
	// to 'false': chalk, imported with Ink, takes any CI variable for a CI machine and turns colour off.
	const ci = {CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION};
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	const {consoleCommand} = await import('./commands/console-command.js');
	for (const [key, value] of Object.entries(ci)) {
		if (value === undefined) {
			delete process.env[key];
		} else {
			process.env[key] = value;
		}
	}

	return consoleCommand(paths, signals);
}
