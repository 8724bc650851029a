/** The one tracker of work in flight, for a graceful stop. */
import { InFlight } from '../../../src/channels/kit/in-flight';

describe('InFlight', () => {
  it('drains work added while draining, and gives up after the timeout', async () => {
    const inFlight = new InFlight();
    let finishFirst!: () => void;
    inFlight.track(new Promise<void>((resolve) => (finishFirst = resolve)));
    const draining = inFlight.drain(2000);
    let finishSecond!: () => void;
    inFlight.track(new Promise<void>((resolve) => (finishSecond = resolve)));
    finishFirst();
    await new Promise((resolve) => setImmediate(resolve));
    expect(inFlight.size).toBe(1);
    finishSecond();
    expect(await draining).toBe(true);
    expect(inFlight.size).toBe(0);

    inFlight.track(new Promise(() => undefined));
    expect(await inFlight.drain(50)).toBe(false);
  });

  it('idle() waits for work added while waiting', async () => {
    const inFlight = new InFlight();
    let finishSecond!: () => void;
    let idle = false;
    inFlight.track(Promise.resolve().then(() => inFlight.track(new Promise<void>((resolve) => (finishSecond = resolve)))));
    const waiting = inFlight.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    finishSecond();
    await waiting;
    expect(inFlight.size).toBe(0);
  });

  it('does not turn a rejected job into an unhandled rejection of its own', async () => {
    const inFlight = new InFlight();
    await expect(inFlight.track(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await inFlight.drain(100)).toBe(true);
  });
});
