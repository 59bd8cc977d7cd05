/**
 * The jobs.yaml of the console's own tests (console.test.tsx, console-views.test.tsx), four jobs:
 * fetch_daily_data (named 每日行情同步, cron "30 16 * * *" on trading days, jobs/ok.ts), tick (cron
 * "*\/5 * * * *", `true`), and the manual broken (jobs/throws.ts) and sleepy (jobs/hangs.ts, never ends).
 * Ends in its `jobs:` list, so a test may add entries after it.
 */
export const consoleJobsYaml = `jobs:
  - id: fetch_daily_data
    name: 每日行情同步
    cron: "30 16 * * *"
    calendar: trading-days
    module: jobs/ok.ts
  - id: tick
    cron: "*/5 * * * *"
    command: ["true"]
  - id: broken
    trigger: manual
    module: jobs/throws.ts
  - id: sleepy
    trigger: manual
    module: jobs/hangs.ts
`;
