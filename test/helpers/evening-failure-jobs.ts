/**
 * jobs.yaml of a root in `timezone` for a console's day around midnight: `evening_sync` fails every day
 * at 23:59:50 ('feed down' on stderr, exit 3), `morning_report` runs at 09:00 and succeeds.
 */
export function eveningFailureJobs(timezone: string): string {
	return `timezone: ${timezone}
jobs:
  - id: evening_sync
    cron: "50 59 23 * * *"
    command: ["sh", "-c", "echo 'feed down' >&2; exit 3"]
  - id: morning_report
    cron: "0 9 * * *"
    command: ["true"]
`;
}
