/** The app manifest declares exactly what the code uses: the command, the events it listens to, minimal scopes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
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

describe('manifest/slack.yaml against the manifest schema', () => {
  // Slack's published schema (slackapi/manifest-schema) has no licence to copy and CI cannot fetch it, so
  // manifest/slack.schema.json is written from Slack's documented limits; event and scope names are read
  // from the Manifest types of Slack's own SDK (@slack/web-api), so a misspelt one fails here.
  const schema = JSON.parse(readFileSync(join(__dirname, '../../../manifest/slack.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const raw = parse(readFileSync(join(__dirname, '../../../manifest/slack.yaml'), 'utf8')) as Record<string, unknown>;
  const sdkTypes = readFileSync(require.resolve('@slack/web-api/dist/types/request/manifest.d.ts'), 'utf8');
  const union = (name: string) => new Set([...(/type (\w+) = ([^;]+);/g[Symbol.matchAll](sdkTypes))].filter((m) => m[1] === name).flatMap((m) => [...m[2]!.matchAll(/'([^']+)'/g)].map((q) => q[1]!)));

  it('is valid', () => {
    expect(validate(raw) ? [] : validate.errors).toEqual([]);
  });

  it('the schema refuses what Slack refuses: a long name, an unknown key, a command without a slash', () => {
    const broken = structuredClone(raw) as { display_information: { name: string }; features: { slash_commands: { command: string }[] }; extra?: unknown };
    broken.display_information.name = 'x'.repeat(36);
    broken.features.slash_commands[0]!.command = 'certstatus';
    broken.extra = true;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((error) => error.instancePath || error.params)).toEqual(
      expect.arrayContaining(['/display_information/name', '/features/slash_commands/0/command', { additionalProperty: 'extra' }]),
    );
  });

  it('names only events and scopes that Slack\'s SDK knows', () => {
    const events = union('ManifestEvent');
    const scopes = union('BotScope');
    expect(events.size).toBeGreaterThan(50);
    expect(scopes.size).toBeGreaterThan(50);
    for (const event of manifest.settings.event_subscriptions.bot_events) expect(events).toContain(event);
    for (const scope of manifest.oauth_config.scopes.bot) expect(scopes).toContain(scope);
  });
});
