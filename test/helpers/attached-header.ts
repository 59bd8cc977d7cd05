/**
 * The console's header naming the scheduler it is attached to: `attached to pid N`, or `pid N` when the
 * header is crowded (header-fit.ts), as at 120 columns before the open on a trading day, while the
 * countdown reads `opens in 8h 59m`. A test on the real clock must take either: waiting for the long
 * form alone failed every terminal test that attached during those hours.
 */
export function attachedHeader(pid?: number): RegExp {
	return new RegExp(`(?:attached to |│ )pid ${pid ?? '\\d+'}(?!\\d)`);
}
