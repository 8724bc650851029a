/**
 * Replies that outlive the HTTP request. The Bot Framework expects the request answered within seconds and
 * retries it otherwise, so a turn waits at most `patienceMs` for its work; anything delivered later goes
 * out proactively through the saved ConversationReference (adapter.continueConversationAsync).
 */
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

type Send<T> = (context: TurnContext) => Promise<T>;

/**
 * Delivers through the turn's context while the turn lasts, proactively afterwards (or from the start,
 * without a turn: a watch's notice); in order either way.
 */
export class TurnDelivery {
  private inTurn: boolean;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly turnContext: TurnContext | undefined,
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly reference: Partial<ConversationReference>,
  ) {
    this.inTurn = Boolean(turnContext);
  }

  send<T>(send: Send<T>): Promise<T> {
    const run = this.chain.then(() => (this.inTurn && this.turnContext ? send(this.turnContext) : this.proactively(send)));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async proactively<T>(send: Send<T>): Promise<T> {
    let result: T | undefined;
    await this.adapter.continueConversationAsync(this.appId, this.reference, async (context) => {
      // The continuation activity gets a fresh random id; replies must point at the user's message instead,
      // as they would have inside the turn (in a channel, that keeps them in its reply chain).
      if (this.reference.activityId) context.activity.id = this.reference.activityId;
      result = await send(context);
    });
    return result as T;
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
