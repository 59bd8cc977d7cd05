/** The command names a usage line is for: `pause JOB|--all · resume JOB|--all` is for pause and resume. */
function namesOf(usage: string): string[] {
	const commandPart = usage.split(/\s{2,}/)[0] ?? '';
	return commandPart.split(' · ').flatMap(part => (part.trim().split(' ')[0] ?? '').split('|'));
}

/** Options of the console and `--headless` alone: every command refuses them (command-flags.ts). */
const consoleOnlyOption = /^\s*--(headless|http)\b/;

const projectOptions = ['root', 'config', 'db'];

/** The `--flag` a line of an options block says, if it starts with one. */
const optionOf = (line: string): string | undefined => /^\s*--([a-z][a-z-]*)/.exec(line)?.[1];

/**
 * `sage-console COMMAND --help`: the usage lines of that command from the whole help (with the lines
 * that continue them), then what its own flags mean (`flagLines`, when it has them), then the options it
 * takes (not the console's `--headless` and `--http`, nor a project flag left out of `projectFlags`, nor one
 * its own block already says, as worker's says --root) and the exit codes; the whole help for a command it
 * does not name.
 */
export function commandHelp(help: string, command: string | undefined, flagLines: readonly string[] = [], projectFlags: readonly string[] = projectOptions): string {
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

	// Indented as the whole help is (help-text.ts).
	const indent = /^\s*/.exec(lines[usageStart]!)![0];
	const flagBlock = flagLines.length === 0 ? [] : [...flagLines.map(line => `${indent}${line}`), ''];
	const said = new Set(flagLines.map(line => optionOf(line)));
	const left = new Set(projectOptions.filter(name => !projectFlags.includes(name)));
	const options = lines.slice(optionsStart).filter(line => {
		const option = optionOf(line);
		return !consoleOnlyOption.test(line) && (option === undefined || (!said.has(option) && !left.has(option)));
	});
	return ['', lines[usageStart]!, ...chosen, '', ...flagBlock, ...options].join('\n');
}
