import { setMaxListeners } from 'node:events';
import { status as Status } from '@grpc/grpc-js';
import { ConfigError, loadConfig } from '@aero/config';
import { RunState, type ChatRequest, type ChatResponse, type MetricsServed, type Run, type RunEvent, type RunOrigin } from '@aero/contracts';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { RpcError, type FieldViolation, type Logger } from '@aero/service-kit';
import type { AeroServices } from '../adapters/aero-services';
import { baseCheckpointFacts } from '../adapters/base-checkpoint-facts';
import type { RunStore } from '../adapters/run-store';
import type { StoreLock } from '../adapters/store-lock';
import { budgetReport } from '../domain/budget-report';
import { maxTokensViolations } from '../domain/max-tokens-violations';
import { replayRun } from '../domain/replay-run';
import { runCheckpoint } from '../domain/run-checkpoint';
import type { OriginCheckpoint, RunMeta, RunVersions } from '../domain/run-meta';
import { runOverrideViolations } from '../domain/run-override-violations';
import type { RunView } from '../domain/run-view';
import { toRunMessage } from '../domain/to-run-message';
import { RoundDriver } from './round-driver';
import { RunSession } from './run-session';
import { StopUnconfirmed } from './stop-unconfirmed';

export interface RunManagerDeps {
  store: RunStore;
  /** Taken before the first write to the store, held until close. */
  lock: StoreLock;
  /** The services, connected (or started, in local mode) on first use. */
  services: () => Promise<AeroServices>;
  /** The orchestrator's config file, the base of every run's config. */
  configFile?: string;
  /** Where this orchestrator serves the run metrics; undefined when it serves none (orchestrator.metrics_port -1). */
  metrics?: MetricsServed;
  log: Logger;
  now?: () => Date;
  /** The orchestrator's git commit, read once at its start: the code a process runs does not change under it. */
  code?: Pick<RunVersions, 'git_commit' | 'git_dirty'>;
}

interface ActiveRun {
  session: RunSession;
  controller: AbortController;
  /** Why the drive is being stopped, when it is. */
  stopping?: RunState.RUN_STATE_CANCELLED | RunState.RUN_STATE_INTERRUPTED;
  /** Settles once the driver has returned, and with it everything the run started: its trainer job included. */
  done: Promise<void>;
  /** Set when the run stopped but a trainer job it started was not confirmed stopped. */
  unconfirmed?: StopUnconfirmed;
}

const TERMINAL = new Set([
  RunState.RUN_STATE_SUCCEEDED,
  RunState.RUN_STATE_FAILED,
  RunState.RUN_STATE_CANCELLED,
  RunState.RUN_STATE_INTERRUPTED,
]);
const RESUMABLE = new Set([RunState.RUN_STATE_PENDING, RunState.RUN_STATE_FAILED, RunState.RUN_STATE_CANCELLED, RunState.RUN_STATE_INTERRUPTED]);

/**
 * The runs of this orchestrator: creates them, drives one at a time (the runs share the services,
 * and the gateway serves one model at a time), stops and resumes them, and streams their events.
 * A run's state lives in its journal; this class only adds which run is being driven right now.
 */
export class RunManager {
  private readonly active = new Map<string, ActiveRun>();
  private readonly now: () => Date;
  /** Chats accepted and not yet answered; they take turns at the gateway, after `chatTurn`. */
  private chats = 0;
  private chatTurn: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: RunManagerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * After a restart: runs the journal still shows as running were cut off with the previous
   * process; they become INTERRUPTED, and are resumed when `resume` is set. A store that cannot be
   * written (a full disk) leaves them RUNNING on disk, which ResumeRun takes up later, and this
   * orchestrator serves on.
   */
  recover(resume: boolean): string[] {
    const cut = this.deps.store.listIds().filter((id) => this.view(id).state === RunState.RUN_STATE_RUNNING);
    if (cut.length === 0) return [];
    const holder = this.deps.lock.take();
    if (holder) {
      this.deps.log.warn('runs shown as running belong to another orchestrator; leaving them alone', { runs: cut, holder });
      return [];
    }
    try {
      for (const id of cut) {
        const session = this.session(id);
        try {
          session.append(session.view.currentRound, { $case: 'state_changed', value: { state: RunState.RUN_STATE_INTERRUPTED, error: 'the orchestrator stopped while the run was running' } });
        } finally {
          session.close();
        }
        this.deps.log.warn('run was interrupted by an orchestrator restart', { run: id, resume });
      }
      if (resume) this.launch(this.session(cut[0]));
    } catch (error) {
      this.deps.log.error('runs cut off by an orchestrator restart could not be recovered', { runs: cut, error: describe(error) });
    }
    return cut;
  }

  /** Starts run `id` (its name) on config.yaml with `overrides`, on the config's model or on the checkpoint `origin` names. */
  start(id: string, overrides: Record<string, string>, origin?: RunOrigin): Run {
    const violations = runOverrideViolations(overrides);
    if (violations.length > 0) throw invalidRequest(violations);
    let config;
    try {
      config = loadConfig({ file: this.deps.configFile, overrides });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const fields = error.keys.map((key) => ({ field: `config_overrides.${key}`, description: error.message }));
      throw new RpcError(Status.INVALID_ARGUMENT, error.message, fields);
    }
    const budgets = [...maxTokensViolations(config), ...budgetReport(config, rolePrompts(loadTemplates(config.prompts.profile, config.prompts.dir))).violations];
    if (budgets.length > 0) throw invalidRequest(budgets);
    const from = origin && this.checkpoint(this.current(origin.run_id), origin.round);
    this.requireIdle();
    this.claimStore();
    const versions = { ...this.deps.code, ...baseCheckpointFacts(from?.model ?? config.engine.model) };
    const meta: RunMeta = { id, name: id, created_at: this.now().toISOString(), run_dir: this.deps.store.runDir(id), config, overrides, versions, origin: from };
    this.deps.store.create(meta);
    this.deps.log.info('run created', { run: id, overrides });
    return this.launch(new RunSession(this.deps.store.journal(id), meta, [], this.now));
  }

  get(id: string): Run {
    return toRunMessage(this.current(id));
  }

  /** Runs, newest first; the page token is the offset of the page. */
  list(pageSize: number, pageToken: string): { runs: Run[]; next: string } {
    const offset = pageToken === '' ? 0 : Number(pageToken);
    if (!Number.isInteger(offset) || offset < 0) throw RpcError.invalidArgument('page_token', 'not a token from ListRuns');
    const runs = this.deps.store
      .listIds()
      .map((id) => this.get(id))
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
    const page = runs.slice(offset, offset + pageSize);
    return { runs: page, next: offset + pageSize < runs.length ? String(offset + pageSize) : '' };
  }

  /**
   * Stops the run and answers once it has stopped: the driver has returned, after cancelling the
   * trainer job it had started and waiting until that job's processes were gone, so a ResumeRun
   * right after it finds nothing of this drive still running. A job not confirmed stopped within its
   * bound makes the answer DEADLINE_EXCEEDED or FAILED_PRECONDITION; the run is cancelled either way.
   */
  async cancel(id: string): Promise<Run> {
    const active = this.active.get(id);
    if (!active) {
      const state = this.view(id).state;
      throw RpcError.failedPrecondition(`run ${id} is not running here (state ${RunState[state]})`);
    }
    active.stopping = RunState.RUN_STATE_CANCELLED;
    active.controller.abort(new Error('cancelled'));
    await active.done;
    if (active.unconfirmed) throw new RpcError(active.unconfirmed.code, `run ${id} is cancelled, but ${active.unconfirmed.message}`);
    return this.get(id);
  }

  resume(id: string): Run {
    const view = this.view(id);
    if (this.active.has(id)) throw RpcError.failedPrecondition(`run ${id} is already running`);
    // With the store ours, a run shown as running but not driven here was cut off: its end could not be recorded.
    const cutOff = view.state === RunState.RUN_STATE_RUNNING && this.deps.lock.take() === undefined;
    if (!RESUMABLE.has(view.state) && !cutOff) {
      const why = view.state === RunState.RUN_STATE_SUCCEEDED ? 'it has finished' : 'another orchestrator is running it';
      throw RpcError.failedPrecondition(`run ${id} cannot be resumed: ${why} (state ${RunState[view.state]})`);
    }
    this.requireIdle();
    this.claimStore();
    return this.launch(this.session(id));
  }

  /**
   * The run's events from `from` on: the journal first, then, while the run is driven here, live
   * events until it stops (a terminal state) or the caller leaves.
   */
  async *watch(id: string, from: number, signal: AbortSignal): AsyncGenerator<RunEvent> {
    this.view(id);
    const active = this.active.get(id);
    const queue: RunEvent[] = [];
    let wake: () => void = () => undefined;
    const unsubscribe = active?.session.subscribe((event) => {
      queue.push(event);
      wake();
    });
    const onAbort = () => wake();
    signal.addEventListener('abort', onAbort);
    let finished = false;
    void active?.done.then(() => {
      finished = true;
      wake();
    });
    try {
      let last = Math.max(0, from - 1);
      for (const event of [...this.deps.store.readEvents(id), ...queue.splice(0)]) {
        if (event.sequence <= last) continue;
        last = event.sequence;
        yield event;
      }
      while (active && !signal.aborted) {
        const event = queue.shift();
        if (event) {
          if (event.sequence <= last) continue;
          last = event.sequence;
          yield event;
          if (isEnd(event)) return;
        } else if (finished) {
          return;
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
    } finally {
      unsubscribe?.();
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Answers a question with a checkpoint of a run (its last without a round): the gateway serves
   * it, and synth samples it on the solver role's prompt, greedy unless a temperature is given. The
   * gateway serves one model at a time, so no run may be driven meanwhile, and chats take turns.
   */
  async chat(request: ChatRequest, signal: AbortSignal): Promise<ChatResponse> {
    const view = this.current(request.run_id);
    const checkpoint = this.checkpoint(view, request.round);
    this.requireNoRun();
    this.claimStore();
    this.chats++;
    const answer = this.chatTurn.then(async () => {
      const services = await this.deps.services();
      if (!(await services.servingStatus(checkpoint.model, signal))) await services.serveModel(checkpoint.model, signal);
      const solved = await services.solve(
        {
          question: request.question,
          n: request.n || 1,
          temperature: request.temperature ?? 0,
          max_tokens: request.max_tokens ?? view.meta.config.aero.max_tokens.solver,
        },
        signal,
      );
      return { round: checkpoint.round, model: checkpoint.model, prompt: solved.prompt, samples: solved.samples };
    });
    this.chatTurn = answer.catch(() => undefined);
    try {
      return await answer;
    } finally {
      this.chats--;
    }
  }

  /** Stops every run being driven; they become INTERRUPTED and resume at the next start. */
  async close(): Promise<void> {
    for (const active of this.active.values()) {
      active.stopping = RunState.RUN_STATE_INTERRUPTED;
      active.controller.abort(new Error('the orchestrator is shutting down'));
    }
    await Promise.all([...this.active.values()].map((a) => a.done));
    this.deps.lock.release();
  }

  private launch(session: RunSession): Run {
    const id = session.view.meta.id;
    const controller = new AbortController();
    // Every service call of the run in flight listens for its cancellation: more than ten at once is normal.
    setMaxListeners(0, controller.signal);
    try {
      session.append(session.view.currentRound, { $case: 'state_changed', value: { state: RunState.RUN_STATE_RUNNING, error: '' } });
      // Each drive: a resumed run may be driven by another orchestrator process, serving elsewhere.
      if (this.deps.metrics) session.append(session.view.currentRound, { $case: 'metrics_served', value: this.deps.metrics });
    } catch (error) {
      session.close();
      throw error;
    }
    const active: ActiveRun = { session, controller, done: Promise.resolve() };
    const log = this.deps.log.child({ run: id });
    active.done = (async () => {
      try {
        const services = await this.deps.services();
        await new RoundDriver(session, this.deps.store, services, log, controller.signal).run();
        log.info('run succeeded');
      } catch (error) {
        const state = controller.signal.aborted ? (active.stopping ?? RunState.RUN_STATE_CANCELLED) : RunState.RUN_STATE_FAILED;
        if (error instanceof StopUnconfirmed) active.unconfirmed = error;
        const reason = String((controller.signal.reason as Error)?.message ?? 'stopped');
        const message = controller.signal.aborted ? [reason, active.unconfirmed?.message].filter(Boolean).join('; ') : describe(error);
        if (state === RunState.RUN_STATE_FAILED) log.error('run failed', { error });
        else if (active.unconfirmed) log.warn('run stopped, but not everything it started was confirmed stopped', { state: RunState[state], error: message });
        else log.info('run stopped', { state: RunState[state] });
        try {
          session.append(session.view.currentRound, { $case: 'state_changed', value: { state, error: message } });
        } catch (unrecorded) {
          // The journal cannot take the end either (a full disk): the run stays RUNNING on disk, which ResumeRun takes up.
          log.error('the end of the run could not be recorded', { state: RunState[state], error: message, cause: describe(unrecorded) });
        }
      } finally {
        session.close();
        this.active.delete(id);
      }
    })();
    this.active.set(id, active);
    return toRunMessage(session.view);
  }

  private requireIdle(): void {
    this.requireNoRun();
    if (this.chats > 0) throw RpcError.failedPrecondition('a chat is being answered with the checkpoint the gateway serves for it; try again once it is answered');
  }

  private requireNoRun(): void {
    const [running] = this.active.keys();
    if (running) throw RpcError.failedPrecondition(`run ${running} is running; runs share the services, so one runs at a time (cancel it or wait)`);
  }

  /**
   * The checkpoint of `round` of the run `view` shows (its last without a round); FAILED_PRECONDITION
   * naming the round when that round has not trained.
   */
  private checkpoint(view: RunView, round?: number): OriginCheckpoint {
    const id = view.meta.id;
    const checkpoint = runCheckpoint(view, round);
    if (checkpoint) return { run_id: id, ...checkpoint };
    const last = runCheckpoint(view)?.round ?? 0;
    const trained = last === 0 ? 'none of its rounds has trained yet' : `its last trained round is ${last}`;
    throw RpcError.failedPrecondition(`run ${id} has no checkpoint of round ${round}: ${trained} (round 0 is its initial model)`);
  }

  /** The run as it stands: the live view while it is driven here, else its journal's; NOT_FOUND for an unknown run. */
  private current(id: string): RunView {
    return this.active.get(id)?.session.view ?? this.view(id);
  }

  private claimStore(): void {
    const holder = this.deps.lock.take();
    if (holder) throw RpcError.failedPrecondition(`another orchestrator drives the runs of ${this.deps.store.runsDir} (${holder})`);
  }

  private view(id: string) {
    return replayRun(this.deps.store.readMeta(id), this.deps.store.readEvents(id));
  }

  private session(id: string): RunSession {
    return new RunSession(this.deps.store.journal(id), this.deps.store.readMeta(id), this.deps.store.readEvents(id), this.now);
  }
}

function invalidRequest(violations: FieldViolation[]): RpcError {
  return new RpcError(Status.INVALID_ARGUMENT, `invalid request: ${violations.map((v) => `${v.field}: ${v.description}`).join('; ')}`, violations);
}

function isEnd(event: RunEvent): boolean {
  return event.event?.$case === 'state_changed' && TERMINAL.has(event.event.value.state);
}

function describe(error: unknown): string {
  const e = error as { details?: string; message?: string };
  return e?.details || e?.message || String(error);
}
