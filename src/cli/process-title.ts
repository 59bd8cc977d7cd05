/**
 * A URL's password (`redis://:secret@host`, `rediss://ops:pa:ss@host`). A scheme starts where no scheme
 * character stands before it: tried at every letter of a long run of them (a 120 KB `--param` token), the
 * pattern backtracked over the rest of the run from each, and the command took 9 s before doing anything.
 */
const urlPassword = /(?<![\w+.-])([a-z][\w+.-]*:\/\/[^/@\s:]*):[^/@\s]*@/gi;

/**
 * What `ps` and `top` show for this process: the command with its arguments, so a root's scheduler,
 * a console and a worker can be told apart (node would name every one of them `node`). A
 * password in a URL (`redis://:secret@host`) is shown as `***`.
 */
export function processTitle(args: readonly string[]): string {
	return ['sage-console', ...args].map(arg => arg.replace(urlPassword, '$1:***@')).join(' ');
}
