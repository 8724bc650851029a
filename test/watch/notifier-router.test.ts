import { CertstatusError, ErrorCode } from '../../src/core/errors';
import type { Reply } from '../../src/engine/replies';
import { routeNotifier } from '../../src/watch/notifier-router';
import { RecordingNotifier } from './helpers';

describe('routeNotifier', () => {
  const replies: Reply[] = [{ type: 'text', text: 'It took effect' }];

  test('sends each key to the channel its prefix names', async () => {
    const slack = new RecordingNotifier();
    const teams = new RecordingNotifier();
    const router = routeNotifier({ slack, teams });
    await router.notify('slack:T1:C1:1.2', replies);
    await router.notify('teams:19:abc@thread.tacv2;messageid=1', replies);
    expect(slack.posts).toEqual([{ key: 'slack:T1:C1:1.2', replies }]);
    expect(teams.posts).toEqual([{ key: 'teams:19:abc@thread.tacv2;messageid=1', replies }]);
  });

  test('a key of a channel that is not enabled (or no channel at all) is a clear error', async () => {
    const router = routeNotifier({ slack: new RecordingNotifier() });
    await expect(router.notify('teams:19:abc', replies)).rejects.toThrow(new CertstatusError(ErrorCode.Config, 'No channel can post to "teams:19:abc": teams is not enabled here.'));
    await expect(router.notify('terminal', replies)).rejects.toThrow('that key is not enabled here');
  });
});
