import { PassThrough } from 'node:stream';
import { runChat } from '../../../src/channels/terminal/chat';
import type { CheckRunner } from '../../../src/core/checks';
import { createConversationService } from '../../../src/conversation/service';
import { MemoryStore } from '../../../src/store/memory';
import { testFlow } from '../../engine/flows';

function capture() {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { output, text: () => text };
}

function service(runCheck: CheckRunner = async () => ({ outcome: 'cause-a' })) {
  return createConversationService({ flows: testFlow(), store: new MemoryStore(), runCheck });
}

describe('runChat', () => {
  test('piped input: one answer a line, echoed, ending cleanly at end of input', async () => {
    const input = new PassThrough();
    const out = capture();
    input.end('example.com\n\n2\n');
    await runChat({ input, output: out.output, handler: service(), key: 't1' });
    expect(out.text()).toBe(
      [
        "Hello! Let's look at {{domain}}.",
        'Which domain?',
        '> example.com',
        'Is it verified?',
        '  1) Yes it is verified',
        '  2) No not yet',
        '  3) Not sure',
        '> ',
        '> 2',
        'Found it.',
        '== Cause A for example.com ==',
        'Summary A.',
        'What to do:',
        '  1. Do one thing for example.com',
        '  2. Do another',
        'Then wait.',
        'Type "recheck" (check again), "restart" (start over) or "handoff" (talk to a person).',
        '',
      ].join('\n'),
    );
  });

  test('runs checks through the runner and prints progress before the card', async () => {
    const calls: string[] = [];
    const runCheck: CheckRunner = async (_check, params) => {
      calls.push(params.domain ?? '');
      return { outcome: 'cause-a', evidence: [{ text: 'seen', ttl: 60 }] };
    };
    const input = new PassThrough();
    const out = capture();
    input.end('yes\nskip\n');
    await runChat({ input, output: out.output, handler: service(runCheck), key: 't2', vars: { domain: 'example.org' }, echo: false });
    expect(calls).toEqual(['example.org']);
    expect(out.text()).toContain('Checking example.org...\nFound it.\n== Cause A for example.org ==');
    expect(out.text()).toContain('What I found:\n  - seen (TTL 60 s)\n');
    expect(out.text()).not.toContain('> yes');
  });

  test('"exit" leaves the chat without sending it to the bot', async () => {
    const input = new PassThrough();
    const out = capture();
    input.write('exit\n');
    const seen: string[] = [];
    const handler = service();
    const spying = { ...handler, handle: (key: string, inp: Parameters<typeof handler.handle>[1], d: Parameters<typeof handler.handle>[2]) => (seen.push(inp.type), handler.handle(key, inp, d)) };
    await runChat({ input, output: out.output, handler: spying, key: 't3' });
    expect(seen).toEqual(['start']);
    input.end();
  });

  test('a prompt is written before each answer and a newline at the end', async () => {
    const input = new PassThrough();
    const out = capture();
    input.end('help\n');
    await runChat({ input, output: out.output, handler: service(), key: 't4', prompt: 'you> ', echo: false });
    expect(out.text().startsWith("Hello! Let's look at {{domain}}.\nWhich domain?\nyou> The domain on the certificate.\n")).toBe(true);
    expect(out.text().endsWith('Which domain?\nyou> \n')).toBe(true);
  });
});
