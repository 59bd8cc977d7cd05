import {makeTempRoot, testJobs, type TempRoot} from '../helpers/temp-root.js';

/**
 * A trading box's jobs, as an operator's jobs.yaml holds them: long ids, schedules in both styles, a
 * chain, a job that fails with a long message, one that reports progress for a while. Commands only
 * (they start fast and need no build), so a console in tmux fills within seconds.
 */
export const boxJobs = `timezone: Asia/Shanghai
max_parallel: 4
jobs:
  - id: sync_daily_bars
    name: 每日行情同步
    cron: "30 16 * * *"
    calendar: trading-days
    command: ["sh", "-c", "echo 'synced 4 symbols: 600519.SH 000001.SZ 300750.SZ 601318.SH'"]
  - id: compute_indicators
    name: 技术指标计算
    after: [sync_daily_bars]
    command: ["sh", "-c", "echo 'ma5 ma10 ma20 for 4 symbols'"]
  - id: refresh_quotes_all_markets
    name: 实时行情刷新
    cron: "*/5 * * * *"
    calendar: trading-days
    window: trading-hours
    command: ["sh", "-c", "echo 'quotes refreshed'"]
  - id: daily_market_report
    name: 每日市场报告
    cron: "0 20 * * *"
    calendar: trading-days
    command: ["sh", "-c", "echo report written"]
  - id: weekly_portfolio_report
    name: 每周组合报告
    trigger: cron
    day_of_week: mon
    hour: 9
    minute: 0
    command: ["sh", "-c", "echo weekly report"]
  - id: backup_db
    name: 数据库备份
    cron: "30 2 * * *"
    command: ["sh", "-c", "echo backed up"]
  - id: health_check
    name: 健康检查
    trigger: interval
    minutes: 10
    command: ["sh", "-c", "echo all feeds up"]
  - id: news_fetch
    name: 新闻抓取
    trigger: manual
    command: ["sh", "-c", "echo 'fetching news from 3 sources'; echo 'ConnectionError: news source https://news.example.com/api/v2/feed?category=markets refused the connection after 3 retries; the feed is down' >&2; exit 2"]
  - id: backtest_momentum
    name: 回测 momentum
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 300); do echo \\"::progress 0.$(( (i % 9) + 1 )) day $i of 300\\"; sleep 1; done"]
  - id: old_cleanup
    name: 清理旧日志
    trigger: manual
    command: ["true"]
    enabled: false
`;

/** Each job's schedule in words, as the jobs panel says it. */
export const boxSchedules: Record<string, string> = {
	sync_daily_bars: 'daily 16:30 · trading days',
	compute_indicators: 'after sync_daily_bars',
	refresh_quotes_all_markets: 'every 5 min · trading days · trading hours',
	daily_market_report: 'daily 20:00 · trading days',
	weekly_portfolio_report: 'Mon 09:00',
	backup_db: 'daily 02:30',
	health_check: 'every 10 min',
	news_fetch: 'manual',
	backtest_momentum: 'manual',
	old_cleanup: 'manual',
};

export const newsError = 'ConnectionError: news source https://news.example.com/api/v2/feed?category=markets refused the connection after 3 retries; the feed is down';

export function makeBoxRoot(): TempRoot {
	return makeTempRoot({...testJobs, 'config/jobs.yaml': boxJobs});
}
