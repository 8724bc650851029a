/** With SLACK_APP_TOKEN the bot uses Socket Mode: no HTTP endpoint, the same handlers over a WebSocket. */
import { createSlackChannel, type SlackChannel } from '../../../src/channels/slack/app';
import { createConversationService } from '../../../src/conversation/service';
import { silentLogger } from '../../../src/core/logger';
import { loadFlowsDir } from '../../../src/flow/registry';
import { MemoryStore } from '../../../src/store/memory';
import { FakeSlack } from '../../support/fake-slack/server';
import { FakeSocketMode } from '../../support/fake-slack/socket-mode';
import { gatedRunner, WRONG_PLATFORM } from './runners';

describe('Slack in Socket Mode', () => {
  const fake = new FakeSlack();
  const socket = new FakeSocketMode();
  let channel: SlackChannel;

  beforeAll(async () => {
    await fake.start();
    await socket.start();
    fake.socketUrl = socket.url;
    const store = new MemoryStore();
    const conversations = createConversationService({ flows: loadFlowsDir(), store, runCheck: gatedRunner(WRONG_PLATFORM, false).runner });
    channel = createSlackChannel({
      config: { botToken: 'xoxb-1', appToken: 'xapp-1', apiUrl: fake.apiUrl },
      conversations,
      store,
      logger: silentLogger,
    });
    await channel.start();
  });
  afterAll(async () => {
    // The client disconnects first, while the fake can still answer its close frame; closing the fake first
    // makes the client reconnect and then wait 30 s for a close handshake nobody answers.
    await channel.stop();
    await socket.stop();
    await fake.stop();
  });

  it('connects through apps.connections.open and serves no HTTP route', async () => {
    expect(channel.route).toBeUndefined();
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
    await socket.waitFor(() => socket.connected, 'the connection');
  });

  it('acks a slash command over the socket at once and answers on response_url', async () => {
    const responseUrl = fake.responseUrl();
    socket.push({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: 'T1', channel_id: 'C1', user_id: 'UALICE', command: '/certstatus', text: 'example.com',
        api_app_id: 'A1', response_url: responseUrl, trigger_id: '1',
      },
    });
    await socket.waitFor(() => socket.acks.some((ack) => ack.envelope_id === 'env-1'), 'the ack');
    expect(socket.acks.find((ack) => ack.envelope_id === 'env-1')!.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Checking DNS for example.com') });
    await fake.waitFor(() => fake.responses.length === 1, 'the diagnosis');
    expect(JSON.stringify(fake.responses[0]!.body)).toContain('A wrong domain name management platform was selected');
  });
});
