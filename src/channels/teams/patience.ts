/**
 * Replies that outlive the HTTP request. The Bot Framework expects the request answered within seconds and
 * retries it otherwise, so a turn waits at most `patienceMs` for its work; anything delivered later goes
 * out proactively through the saved ConversationReference (adapter.continueConversationAsync).
 */
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

type Send = (context: TurnContext) => Promise<void>;

/** Delivers through the turn's context while the turn lasts, proactively afterwards; in order either way. */
export class TurnDelivery {
  private inTurn = true;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly turnContext: TurnContext,
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly reference: Partial<ConversationReference>,
  ) {}

  send(send: Send): Promise<void> {
    const run = this.chain.then(() =>
      this.inTurn ? send(this.turnContext) : this.adapter.continueConversationAsync(this.appId, this.reference, (ctx) => this.proactive(ctx, send)),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  private proactive(context: TurnContext, send: Send): Promise<void> {
    // The continuation activity gets a fresh random id; replies must point at the user's message instead,
    // as they would have inside the turn.
    if (this.reference.activityId) context.activity.id = this.reference.activityId;
    return send(context);
  }

  /** Called when the turn returns: sends already started finish on the turn, later ones go proactively. */
  async leaveTurn(): Promise<void> {
    this.inTurn = false;
    await this.chain;
  }
}

/** Resolves true when `work` settles within `ms`, false when the time runs out first (the work goes on). */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Work still running after its turn ended; `idle()` lets shutdown and tests wait for it. */
export class BackgroundWork {
  private readonly pending = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const settled = work.then(() => undefined, () => undefined);
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
