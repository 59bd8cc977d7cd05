/** APScheduler CronTrigger's field names, largest first, and what a job's fields give. */
export const apsFieldNames = ['year', 'month', 'day', 'week', 'day_of_week', 'hour', 'minute', 'second'] as const;
export type ApsField = (typeof apsFieldNames)[number];
export type ApsFields = Partial<Record<ApsField, string | number>>;
