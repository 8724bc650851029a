/** Request bodies shaped like Slack's (slash commands, Events API callbacks, block_actions). */

export const TEAM = 'T1';
export const CHANNEL = 'C1';

export interface CommandOptions {
  user?: string;
  channel?: string;
  responseUrl: string;
}

export function commandBody(text: string, options: CommandOptions): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'test',
    channel_id: options.channel ?? CHANNEL,
    channel_name: 'support',
    user_id: options.user ?? 'UALICE',
    user_name: 'alice',
    command: '/certstatus',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

let eventCounter = 0;

export function eventBody(event: Record<string, unknown>, eventId = `Ev${(eventCounter += 1)}`): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A1',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  blocks?: unknown[];
  text?: string;
  ephemeral?: boolean;
}

export function clickBody(message: PostedMessage, button: { action_id: string; value: string }, user: string, responseUrl: string): string {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: Boolean(message.ephemeral) },
    trigger_id: '1.2.3',
    team: { id: TEAM, domain: 'test' },
    channel: { id: message.channel, name: 'support' },
    message: message.ephemeral ? undefined : { type: 'message', ts: message.ts, thread_ts: message.thread_ts, text: message.text, blocks: message.blocks },
    response_url: responseUrl,
    actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: 'x' }, action_ts: `${Date.now() / 1000}` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
