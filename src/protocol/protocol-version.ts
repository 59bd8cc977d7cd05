/**
 * The protocol's version. A client and a scheduler of different versions refuse each other with a
 * clear message (`version-mismatch`) instead of misreading messages. Bump it when a message changes
 * shape in a way an older peer would misread. A new method (an older scheduler answers
 * `unknown-method`) or a new opt-in event (sent only to a client that names it, event-names.ts) is not
 * such a change.
 */
export const protocolVersion = 1;
