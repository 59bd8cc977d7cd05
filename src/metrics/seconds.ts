/** Prometheus counts time in seconds (its base unit); the scheduler in milliseconds. */
export const seconds = (ms: number) => ms / 1000;
