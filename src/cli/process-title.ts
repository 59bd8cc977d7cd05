/**
 * What `ps` and `top` show for this process: the command with its arguments, so a root's scheduler,
 * a console and a worker can be told apart (node would name every one of them `node`). A
 * password in a URL (`redis://:secret@host`) is shown as `***`.
 */
export function processTitle(args: readonly string[]): string {
	return ['sage-console', ...args].map(arg => arg.replace(/([a-z][\w+.-]*:\/\/[^/@\s]*?):[^/@\s]*@/gi, '$1:***@')).join(' ');
}
