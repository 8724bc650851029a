/** The app manifest declares exactly what the code uses: the command, the events it listens to, minimal scopes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../../src/channels/slack/app';
import { COMMAND } from '../../../src/channels/slack/handlers/command';

interface Manifest {
  features: { app_home: { messages_tab_enabled: boolean }; bot_user: { display_name: string }; slash_commands: { command: string; url: string; usage_hint: string }[] };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
}

const manifest = parse(readFileSync(join(__dirname, '../../../manifest/slack.yaml'), 'utf8')) as Manifest;

describe('manifest/slack.yaml', () => {
  it('declares the slash command the app handles, with a usage hint, at /slack/events', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [command] = manifest.features.slash_commands;
    expect(command!.command).toBe(COMMAND);
    expect(command!.usage_hint).toContain('example.com');
    expect(new URL(command!.url).pathname).toBe(SLACK_EVENTS_PATH);
  });

  it('sends events and interactivity to /slack/events and enables the DM tab', () => {
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it('subscribes to the events the handlers read, each with the scope it needs and no other scope', () => {
    const scopeOf: Record<string, string> = {
      app_mention: 'app_mentions:read',
      'message.im': 'im:history',
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
      'message.mpim': 'mpim:history',
    };
    const events = manifest.settings.event_subscriptions.bot_events;
    expect([...events].sort()).toEqual(Object.keys(scopeOf).sort());
    const needed = ['commands', 'chat:write', ...events.map((event) => scopeOf[event])];
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...new Set(needed)].sort());
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });
});
