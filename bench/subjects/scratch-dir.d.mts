/** A folder in the system's temp space named after `prefix`, removed when the process exits. */
export function scratchDir(prefix: string): string;
