/**
 * Finds the wall times (a zone's clock readings, numbered as Date.UTC numbers them) a schedule's fields
 * match, with no time zone involved: src/core/triggers/wall-clock-schedule.ts turns them into instants.
 */
export type WallMatcher = {
	/** The first matching wall time strictly after `wall`, or undefined when none is left in the schedule years. */
	nextAfter(wall: number): number | undefined;
};
