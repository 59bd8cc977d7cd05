/** Gives the next fire time strictly after an instant, or undefined when there is none (never again). */
export type Schedule = {
	next(after: Date): Date | undefined;
};
