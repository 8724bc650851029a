/** The request body checks CloudAdapter.process makes, and botbuilder's date fix-up, done by the route itself. */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { readInboundActivity } from '../../../src/channels/teams/inbound-activity';

const body = (...chunks: (string | Buffer)[]) => Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as IncomingMessage;

describe('readInboundActivity', () => {
  it('reads an activity and turns its date strings into Dates, keeping the raw strings', async () => {
    const result = await readInboundActivity(
      body('{"type":"message","text":"hi","conversation":{"id":"c1"},"serviceUrl":"https://smba.trafficmanager.net/teams/",', '"timestamp":"2026-11-27T10:00:00.000Z","localTimestamp":"2026-11-27T11:00:00.000+01:00"}'),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.activity.type).toBe('message');
    expect(result.activity.timestamp).toEqual(new Date('2026-11-27T10:00:00.000Z'));
    // botbuilder keeps the wire strings in fields its Activity type does not declare.
    const raw = result.activity as unknown as Record<string, unknown>;
    expect(raw.rawTimestamp).toBe('2026-11-27T10:00:00.000Z');
    expect(result.activity.localTimestamp).toEqual(new Date('2026-11-27T10:00:00.000Z'));
    expect(raw.rawLocalTimestamp).toBe('2026-11-27T11:00:00.000+01:00');
    expect(result.activity).not.toHaveProperty('expiration');
  });

  it.each([
    ['not JSON', '{nope', 'Expected a Bot Framework activity as a JSON object.'],
    ['a JSON array', '[{"type":"message"}]', 'Expected a Bot Framework activity as a JSON object.'],
    ['JSON null', 'null', 'Expected a Bot Framework activity as a JSON object.'],
    ['an object without a type', '{"text":"hi"}', 'Expected a Bot Framework activity with a type.'],
    ['an empty type', '{"type":""}', 'Expected a Bot Framework activity with a type.'],
    ['a type that is not a string', '{"type":7}', 'Expected a Bot Framework activity with a type.'],
  ])('answers %s with 400 and what is expected', async (_name, text, message) => {
    expect(await readInboundActivity(body(text))).toEqual({ ok: false, status: 400, message });
  });

  const activity = { type: 'message', id: 'a1', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c1' }, text: 'hi' };
  it.each([
    ['no conversation', { conversation: undefined }, 'it has no conversation id'],
    ['a conversation without an id', { conversation: {} }, 'it has no conversation id'],
    ['a text that is not a string', { text: { toString: 'x' } }, 'its text is not a string'],
    ['a file: service URL', { serviceUrl: 'file:///etc/passwd' }, 'its serviceUrl is not an http or https URL'],
    ['no service URL', { serviceUrl: undefined }, 'its serviceUrl is not an http or https URL'],
    ['a from that is not an object', { from: 'ada' }, 'its from is not an object'],
    ['entities that are not a list', { entities: { type: 'mention' } }, 'its entities is not a list'],
  ])('answers an activity with %s with 400 and what is wrong', async (_name, change, problem) => {
    expect(await readInboundActivity(body(JSON.stringify({ ...activity, ...change })))).toEqual({ ok: false, status: 400, message: `Not a Bot Framework activity: ${problem}.` });
  });

  it('answers a body over 1 MiB with 413', async () => {
    const chunk = 'x'.repeat(256 * 1024);
    expect(await readInboundActivity(body(chunk, chunk, chunk, chunk, 'x', chunk))).toEqual({ ok: false, status: 413, message: 'Activity too large.' });
  });
});
