/**
 * Activities as Teams sends them to a bot (personal chat, channel mention, card submit), pointing their
 * `serviceUrl` at a fake connector, and a client that POSTs them to the bot's /api/messages.
 */
export const BOT = { id: '28:certstatus-bot', name: 'certstatus' };
export const ADA = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };
export const GRACE = { id: '29:grace', name: 'Grace Hopper', aadObjectId: 'aad-grace' };
export const TENANT = 'tenant-1';

export type Member = typeof ADA;
export type TeamsActivity = Record<string, unknown> & { id: string; conversation: { id: string; conversationType: string } };

let counter = 0;
const nextId = () => `17000000000${String(++counter).padStart(2, '0')}`;

export interface Scope {
  serviceUrl: string;
  conversation: { id: string; conversationType: 'personal' | 'groupChat' | 'channel'; isGroup?: boolean; tenantId: string };
  channelData?: Record<string, unknown>;
}

export function personalChat(serviceUrl: string, user: Member = ADA): Scope {
  return { serviceUrl, conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT } };
}

/** A reply chain in a team channel: Teams puts the root message id into the conversation id. */
export function channelThread(serviceUrl: string, rootMessageId: string, channel = '19:support@thread.tacv2'): Scope {
  return {
    serviceUrl,
    conversation: { id: `${channel};messageid=${rootMessageId}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { teamsChannelId: channel, teamsTeamId: '19:team@thread.tacv2', channel: { id: channel }, team: { id: '19:team@thread.tacv2' } },
  };
}

function base(scope: Scope, from: Member, id = nextId()): TeamsActivity {
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    serviceUrl: scope.serviceUrl,
    channelId: 'msteams',
    from,
    conversation: { ...scope.conversation },
    recipient: BOT,
    locale: 'en-US',
    channelData: { tenant: { id: TENANT }, ...(scope.channelData ?? {}) },
  };
}

export function message(scope: Scope, text: string, from: Member = ADA): TeamsActivity {
  return { ...base(scope, from), text, textFormat: 'plain' };
}

/** A message that @mentions the bot, as in channels and group chats: the mention is part of the text. */
export function mention(scope: Scope, text: string, from: Member = ADA): TeamsActivity {
  const tag = `<at>${BOT.name}</at>`;
  return {
    ...base(scope, from),
    text: `${tag} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: tag, mentioned: BOT }],
  };
}

/** An Action.Submit click: Teams sends a message activity whose `value` is the button's data. */
export function submit(scope: Scope, data: Record<string, unknown>, from: Member = ADA, replyToId?: string): TeamsActivity {
  return { ...base(scope, from), value: data, ...(replyToId ? { replyToId } : {}) };
}

export interface PostResult {
  status: number;
  body: string;
}

export async function postActivity(botUrl: string, activity: TeamsActivity, headers: Record<string, string> = {}): Promise<PostResult> {
  const response = await fetch(botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}
