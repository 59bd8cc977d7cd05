/** Reserves `count` more numbers of `day` in the database; returns the last one reserved. */
export type ReserveRunNumbers = (day: string, count: number) => number;

/** Run numbers reserved per write. */
const blockSize = 50;

/**
 * The day's run numbers (for log file names), reserved in blocks so a run costs no write. Another
 * process (a one-off `run`) may reserve between two blocks of this one, so the numbers still to be
 * handed out are kept as the blocks they came in; a restart continues after the last block reserved,
 * so a number is never used twice.
 */
export class RunNumbers {
	private day = '';
	/** Reserved and not yet handed out, as inclusive ranges in order. */
	private blocks: Array<{from: number; to: number}> = [];

	constructor(private readonly reserve: ReserveRunNumbers) {}

	/** The day's next number. */
	take(day: string): number {
		this.switchTo(day);
		if (this.blocks.length === 0) {
			this.reserveBlock(day, blockSize);
		}

		const block = this.blocks[0]!;
		const number = block.from;
		if (block.from === block.to) {
			this.blocks.shift();
		} else {
			block.from += 1;
		}

		return number;
	}

	/** The next `count` numbers `take` will hand out for `day`, reserving what is missing. */
	upcoming(day: string, count: number): number[] {
		this.switchTo(day);
		const numbers: number[] = [];
		for (let index = 0; numbers.length < count; index++) {
			if (index === this.blocks.length) {
				this.reserveBlock(day, Math.max(blockSize, count - numbers.length));
			}

			const block = this.blocks[index]!;
			for (let number = block.from; number <= block.to && numbers.length < count; number++) {
				numbers.push(number);
			}
		}

		return numbers;
	}

	private switchTo(day: string): void {
		if (day !== this.day) {
			this.day = day;
			this.blocks = [];
		}
	}

	private reserveBlock(day: string, count: number): void {
		const last = this.reserve(day, count);
		this.blocks.push({from: last - count + 1, to: last});
	}
}
