/**
 * A test that looks at a scheduler before a moment on the scheduler's clock (a deadline, a midnight) and
 * then waits for that moment: the scheduler's clock is set (libfaketime) so the moment comes `leadMs`
 * after its start. A short lead first, so the test waits seconds, not a minute; when the box was too slow
 * for it (the looks before the moment ended later than the lead after the start, on the real clock, so
 * they might have seen the moment already), the whole test again, on a new root, with the next lead.
 * `attempt` returns false for "too slow", before asserting what its looks saw.
 */
export async function shortLeadFirst(leadsMs: readonly number[], attempt: (leadMs: number) => Promise<boolean>): Promise<void> {
	for (const leadMs of leadsMs) {
		if (await attempt(leadMs)) {
			return;
		}
	}

	throw new Error(`the looks before the moment came too late for every lead (${leadsMs.join(', ')} ms)`);
}
