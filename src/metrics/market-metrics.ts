/** The A-share market in /metrics, read from one market request per scrape: trading day, and the exchange's phase. */
import {Gauge, type Registry} from 'prom-client';
import type {MarketPhase} from '../market/market-session.js';
import type {MarketView} from '../protocol/messages.js';

const marketPhases: readonly MarketPhase[] = ['pre-open', 'call-auction', 'trading', 'lunch-break', 'closing-auction', 'closed', 'holiday', 'weekend'];

export function registerMarketMetrics(registry: Registry, market: () => Pick<MarketView, 'tradingDay' | 'phase'>): void {
	const registers = [registry];
	new Gauge({
		name: 'sage_trading_day', help: '1 on an A-share trading day (Asia/Shanghai), else 0', registers,
		collect() {
			this.set(market().tradingDay ? 1 : 0);
		},
	});
	new Gauge({
		name: 'sage_market_state', help: 'The exchange\'s phase now: 1 for the current state, 0 for the others', labelNames: ['state'], registers,
		collect() {
			const {phase} = market();
			for (const state of marketPhases) {
				this.set({state}, state === phase ? 1 : 0);
			}
		},
	});
}
