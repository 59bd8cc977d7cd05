/**
 * The protocol's version. A client and a scheduler of different versions refuse each other with a
 * clear message (`version-mismatch`) instead of misreading messages. Bump it when a message changes
 * shape in a way an older peer would misread.
 */
export const protocolVersion = 1;
