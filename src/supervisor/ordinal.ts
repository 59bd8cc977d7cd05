/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st: how a count in a row reads in a log line. */
export function ordinal(count: number): string {
	const lastTwo = count % 100;
	const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : ({1: 'st', 2: 'nd', 3: 'rd'} as Record<number, string>)[count % 10] ?? 'th';
	return `${count}${suffix}`;
}
