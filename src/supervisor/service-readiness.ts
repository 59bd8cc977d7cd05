/**
 * When a started service counts as up: at once, after a delay, or once a stdout line matches its
 * ready_pattern (stopped when none does in time). Up for min_uptime it is stable: the restart delay
 * starts over and an open incident has recovered. Not up by its window's start plus up_grace: alerted.
 */
import {matchingLineSince, runLinesStart} from './adopted-output.js';
import {readyLineOnStderr, readyLineOnStderrText} from './ready-line-on-stderr.js';
import type {RestartStreak} from './restart-streak.js';
import type {ServiceLife} from './service-life.js';
import {tailLines} from './service-logs.js';
import type {ServiceProcess} from './service-process.js';
import {stateText} from './service-states.js';
import {timeBesideToday} from './time-beside-today.js';
import type {WantedWindow} from './wanted-window.js';

export class ServiceReadiness {
	constructor(
		private readonly life: ServiceLife,
		private readonly streak: RestartStreak,
		private readonly window: WantedWindow,
		/** No line matched ready_pattern in time: stop it, as an exit. */
		private readonly notReady: () => void,
	) {}

	await(process: ServiceProcess): void {
		const {life} = this;
		const {readiness} = life.def;
		if (readiness.kind === 'immediate') {
			// Up from its start: the run's started_at, which a scheduler adopting it after a restart reads back.
			this.becameUp(life.startedAt);
			return;
		}

		if (readiness.kind === 'after') {
			life.timers.set('ready', readiness.afterMs, () => this.becameUp());
			return;
		}

		life.timers.watchOutput(life.deps.files.out, process.outOffset, readiness.pattern, life.deps.readinessPollMs, line => {
			life.deps.say('info', `${life.def.id} is ready: "${line.slice(0, 200)}" matched ready_pattern`, life.run?.id);
			this.becameUp();
		});
		life.timers.set('ready-timeout', readiness.timeoutMs, () => {
			const onStderr = readyLineOnStderr(tailLines(life.deps.files.err, 1000, process.errOffset), readiness.pattern);
			life.deps.say('warn', `${life.def.id} wrote no line matching ready_pattern within ${Math.round(readiness.timeoutMs / 1000)} s: stopping it${onStderr === undefined ? '' : readyLineOnStderrText(onStderr)}`, life.run?.id);
			this.notReady();
		});
	}

	/**
	 * A process adopted from a scheduler that died (run `runId`): up if it already was by its readiness
	 * (its ready line in its run's output, its `ready_after` past), else still `starting` for what is left
	 * of it. It was shown up at once: a gateway still connecting (or stuck there) read `up`, and its
	 * ready_timeout never stopped it.
	 */
	awaitAdopted(runId: number): void {
		const {life} = this;
		const {readiness} = life.def;
		const startedAt = life.startedAt ?? life.deps.clock.now();
		const left = (ms: number) => Math.max(0, startedAt + ms - life.deps.clock.now());
		if (readiness.kind === 'after' && left(readiness.afterMs) > 0) {
			life.timers.set('ready', left(readiness.afterMs), () => this.becameUp());
			return;
		}

		const file = life.deps.files.out;
		const from = readiness.kind === 'pattern' ? runLinesStart(file, life.def.id, runId) : undefined;
		if (readiness.kind !== 'pattern' || from === undefined) {
			// Its first lines rotated away, the ready line may have been among them: taken as up, as before.
			this.becameUp(startedAt);
			return;
		}

		const written = matchingLineSince(file, from, readiness.pattern);
		if (written.line !== undefined) {
			this.becameUp(startedAt);
			return;
		}

		life.timers.watchOutput(file, written.end, readiness.pattern, life.deps.readinessPollMs, line => {
			life.deps.say('info', `${life.def.id} is ready: "${line.slice(0, 200)}" matched ready_pattern`, life.run?.id);
			this.becameUp();
		});
		life.timers.set('ready-timeout', left(readiness.timeoutMs), () => {
			life.deps.say('warn', `${life.def.id} wrote no line matching ready_pattern within ${Math.round(readiness.timeoutMs / 1000)} s of its start: stopping it`, life.run?.id);
			this.notReady();
		});
	}

	/** @param since When it came up, if before now (an adopted process: when it started). */
	becameUp(since?: number): void {
		const {life} = this;
		if (life.state !== 'starting') {
			return;
		}

		life.timers.clear('ready', 'ready-timeout', 'output');
		const now = life.deps.clock.now();
		life.upSince = Math.min(since ?? now, now);
		life.moveTo('up');
		life.timers.set('stable', life.def.minUptimeMs, () => this.stable());
	}

	/** Alerts when it is not up `up_grace` after its window opened at `openedAt`. */
	watchUpGrace(openedAt: number): void {
		const {life} = this;
		life.timers.set('up-grace', life.def.upGraceMs, () => {
			if (life.state !== 'up' && life.state !== 'stopped' && this.window.wanted(life.deps.clock.now())) {
				// In the scheduler's zone, as every alert gives its times (UTC ISO read on a Shanghai phone as another hour).
				const when = timeBesideToday(openedAt, life.deps.clock.now(), life.deps.timezone());
				life.trouble('service-not-up', `${life.def.id} is not up ${Math.round(life.def.upGraceMs / 1000)} s after its window opened (${when}); it is ${stateText(life.state)}`);
			}
		});
	}

	/** Up for min_uptime: the restart delay starts over, and an open incident has recovered. */
	private stable(): void {
		const {life} = this;
		this.streak.stable();
		if (life.incident.recovered()) {
			life.alert('service-recovered', `${life.def.id} is up again (pid ${life.process?.pid}, up ${Math.round(life.def.minUptimeMs / 1000)} s)`);
		}
	}
}
