/** The command names a usage line is for: `pause JOB|--all · resume JOB|--all` is for pause and resume. */
function namesOf(usage: string): string[] {
	const commandPart = usage.split(/\s{2,}/)[0] ?? '';
	return commandPart.split(' · ').flatMap(part => (part.trim().split(' ')[0] ?? '').split('|'));
}

/** Options of the console and `--headless` alone: every command refuses them (command-flags.ts). */
const consoleOnlyOption = /^\s*--(headless|http)\b/;

/**
 * `sage-console COMMAND --help`: the usage lines of that command from the whole help (with the lines
 * that continue them), then what its own flags mean (`flagLines`, when it has them), then the options it
 * takes (not the console's `--headless` and `--http`) and the exit codes; the whole help for a command it does not name.
 */
export function commandHelp(help: string, command: string | undefined, flagLines: readonly string[] = []): string {
	const lines = help.split('\n');
	const usageStart = lines.findIndex(line => line.trim() === 'Usage');
	const optionsStart = lines.findIndex(line => line.trim() === 'Options');
	if (command === undefined || usageStart === -1 || optionsStart === -1) {
		return help;
	}

	const chosen: string[] = [];
	let taking = false;
	for (const line of lines.slice(usageStart + 1, optionsStart)) {
		const usage = /^\s*\$ sage-console (.*)$/.exec(line);
		if (usage) {
			taking = namesOf(usage[1]!).includes(command);
		} else if (line.trim() === '') {
			taking = false;
		}

		if (taking) {
			chosen.push(line);
		}
	}

	if (chosen.length === 0) {
		return help;
	}

	// Indented as meow indents the whole help.
	const indent = /^\s*/.exec(lines[usageStart]!)![0];
	const flagBlock = flagLines.length === 0 ? [] : [...flagLines.map(line => `${indent}${line}`), ''];
	const options = lines.slice(optionsStart).filter(line => !consoleOnlyOption.test(line));
	return ['', lines[usageStart]!, ...chosen, '', ...flagBlock, ...options].join('\n');
}
