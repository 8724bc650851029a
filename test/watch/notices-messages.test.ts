/** A watch's notices speak in the words of the flow the scheduler takes its cause texts from. */
import type { CauseReply } from '../../src/engine/replies';
import { openStore } from '../../src/store/open-store';
import { WatchScheduler } from '../../src/watch/scheduler';
import { Clock, HOUR, MINUTE, RecordingNotifier, request, SettableRunner } from './helpers';

const FLOW = {
  causes: {
    'ttl-not-elapsed': { title: 'Noch nicht wirksam für {{domain}}', procedure: ['Warten'], watch: 'offer' as const },
    'ca-review-pending': { title: 'Die CA prüft', procedure: ['2 bis 3 Arbeitstage warten'], watch: 'goal' as const },
    'wrong-platform': { title: 'Falsche Plattform', procedure: ['Umziehen'], watch: 'offer' as const },
  },
  messages: {
    watchTookEffect: 'Gute Nachricht: {{domain}} ist jetzt überall sichtbar.',
    watchCauseChanged: 'Neue Diagnose für {{domain}}: {{title}}',
    watchGoesOn: 'Ich beobachte weiter.',
    watchEnded: 'Nach {{after}} höre ich auf, {{domain}} zu beobachten ("{{title}}").',
    recheckAction: 'Erneut prüfen',
  },
};

async function setup() {
  const clock = new Clock();
  const store = await openStore({ memory: true, now: clock.now });
  const runner = new SettableRunner();
  const notifier = new RecordingNotifier();
  const scheduler = new WatchScheduler({ store, runCheck: runner.run, notifier, causes: () => FLOW, now: clock.now, newId: () => 'w1' });
  await scheduler.add(request());
  return { clock, runner, notifier, scheduler };
}

describe('watch notices with the flow\'s messages', () => {
  test('took effect: the flow\'s sentence, and its label on the card\'s button', async () => {
    const { clock, runner, notifier, scheduler } = await setup();
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'ca-review-pending' };
    await scheduler.runDue();
    expect(notifier.texts()).toEqual(['Gute Nachricht: shop.test ist jetzt überall sichtbar.']);
    const card = notifier.posts[0]?.replies.find((r): r is CauseReply => r.type === 'cause');
    expect(card?.actions).toEqual([{ id: 'recheck', label: 'Erneut prüfen' }]);
  });

  test('changed, then ran out: the cause title and the duration in words fill the placeholders', async () => {
    const { clock, runner, notifier, scheduler } = await setup();
    clock.advance(MINUTE);
    runner.outcome = { outcome: 'wrong-platform' };
    await scheduler.runDue();
    expect(notifier.texts()).toEqual(['Neue Diagnose für shop.test: Falsche Plattform', 'Ich beobachte weiter.']);
    clock.advance(48 * HOUR);
    await scheduler.runDue();
    expect(notifier.texts()).toEqual(['Nach 48 hours höre ich auf, shop.test zu beobachten ("Falsche Plattform").']);
  });
});
