/** A count and its noun, the noun plural unless the count is one: `1 job`, `3 jobs`, `0 problems`. */
export function countOf(count: number, noun: string, pluralNoun = `${noun}s`): string {
	return `${count} ${count === 1 ? noun : pluralNoun}`;
}
