/**
 * The outbox: a turn's replies are written in the same compare-and-set as the state they came from, and
 * posted from the store. A reply counts as handled once it was posted (each one is ticked off as it goes),
 * or while a live replica owns its delivery; a process that dies leaves its replies, and the check it was
 * running, in the record for whoever finds them first (a retry of the same platform delivery, the
 * recovery sweep at start-up and every few seconds).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Participant, Reply } from '../engine/replies';
import type { ConversationState } from '../engine/state';

/** Replies of one turn, posted in order by their owner. */
export interface OutboxEntry {
  id: string;
  /** The replica posting them; another takes them over only once this one is no longer alive. */
  owner: string;
  replies: Reply[];
  /** How many of `replies` were posted. */
  sent: number;
}

/** The check a conversation waits on, and who runs it (so a dead replica's check runs again elsewhere). */
export interface RunningCheck {
  requestId: string;
  check: string;
  params: Record<string, string>;
  owner: string;
  startedAt: number;
  by?: Participant;
}

/** What the store holds for a conversation: the engine's state and the service's delivery bookkeeping. */
export interface ConversationRecord extends ConversationState {
  outbox?: OutboxEntry[];
  running?: RunningCheck;
  /** Platform deliveries (a Teams activity, a Slack event) already applied, newest last. */
  applied?: string[];
}

/** Applied delivery ids kept per conversation: far more than a platform retries within its window. */
export const APPLIED_KEPT = 50;

/** The engine's part of a record (the engine never sees the outbox). */
export function engineState(record: ConversationRecord): ConversationState {
  const { outbox: _outbox, running: _running, applied: _applied, ...state } = record;
  return state;
}

/** True while the record has replies to post or a check to finish. */
export function hasPendingWork(record: ConversationRecord | undefined): boolean {
  return Boolean(record && ((record.outbox?.length ?? 0) > 0 || (record.running && record.status === 'checking')));
}

export function newEntryId(): string {
  return randomUUID();
}

const deliveryContext = new AsyncLocalStorage<string>();

/** Runs `work` as the handling of one platform delivery (its id is the same on every retry). */
export function withDelivery<T>(deliveryId: string, work: () => Promise<T>): Promise<T> {
  return deliveryContext.run(deliveryId, work);
}

/** The platform delivery the current work handles, if any. */
export function currentDelivery(): string | undefined {
  return deliveryContext.getStore();
}

/** Leases as the SQLite, Redis and memory stores offer them. */
export interface Leases {
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<boolean>;
}

/** Who this process is, and whether another owner is still alive. */
export interface Replica {
  readonly id: string;
  isAlive(owner: string): Promise<boolean>;
}

/** One process alone on its store: every other owner is a process that ended. */
export function soloReplica(id = defaultReplicaId()): Replica {
  return { id, isAlive: async (owner) => owner === id };
}

/** A process sharing its store (SQLite file, Redis) with others: alive by heartbeat, or by pid on this host. */
export function replicaFor(store: object, ttlMs?: number): Replica & { start(): Promise<void>; stop(): Promise<void> } {
  if ('acquireLease' in store && 'releaseLease' in store) return new HeartbeatReplica({ leases: store as Leases, ...(ttlMs ? { ttlMs } : {}) });
  const solo = soloReplica();
  return { ...solo, start: async () => undefined, stop: async () => undefined };
}

export function defaultReplicaId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface HeartbeatOptions {
  leases: Leases;
  id?: string;
  /** How long a replica counts as alive after its last beat (default 6 s); beats come every third of it. */
  ttlMs?: number;
}

/** A replica that proves it is alive with a lease it renews; one whose lease lapsed has died. */
export class HeartbeatReplica implements Replica {
  readonly id: string;
  private readonly leases: Leases;
  private readonly ttlMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: HeartbeatOptions) {
    this.leases = options.leases;
    this.id = options.id ?? defaultReplicaId();
    this.ttlMs = options.ttlMs ?? 6000;
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => undefined), Math.max(10, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.leases.releaseLease(leaseName(this.id), this.id).catch(() => undefined);
  }

  async isAlive(owner: string): Promise<boolean> {
    if (owner === this.id) return true;
    // A process of this host that no longer runs is dead at once (a restart takes up its work immediately).
    if (deadOnThisHost(owner)) return false;
    // Taking the lease for 1 ms succeeds only when its owner stopped renewing it.
    return !(await this.leases.acquireLease(leaseName(owner), this.id, 1));
  }

  private async beat(): Promise<void> {
    await this.leases.acquireLease(leaseName(this.id), this.id, this.ttlMs);
  }
}

/** True when `owner` names a process of this host (host:pid:…) that is not running. */
export function deadOnThisHost(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function leaseName(owner: string): string {
  return `replica:${owner}`;
}
