import { PassThrough } from 'node:stream';
import { runChat, TERMINAL_WHERE } from '../../../src/channels/terminal/chat';
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

/** A terminal as readline sees one: keys arrive as bytes (Ctrl-C is \x03, Ctrl-D \x04). */
function terminal() {
  const input = new PassThrough() as PassThrough & { isTTY: boolean };
  input.isTTY = true;
  return input;
}

/** Resolves once `text()` contains `needle` (each write to the output is a chance to look). */
function waitFor(out: { output: PassThrough; text: () => string }, needle: string): Promise<void> {
  return new Promise((resolve) => {
    const look = () => {
      if (!out.text().includes(needle)) return;
      out.output.off('data', look);
      resolve();
    };
    out.output.on('data', look);
    setImmediate(look);
  });
}

describe('runChat on a terminal', () => {
  /** A check that runs until the chat cancels it (it never settles by itself). */
  const hangingCheck: CheckRunner = () => new Promise(() => undefined);

  test('Ctrl-C during a check cancels it and returns to the prompt; the next line is answered; a second Ctrl-C exits', async () => {
    const input = terminal();
    const out = capture();
    const done = runChat({ input, output: out.output, handler: service(hangingCheck), key: 'tty1', vars: { domain: 'example.org' } });
    await waitFor(out, 'Is it verified?');
    input.write('yes\n');
    await waitFor(out, 'Paste the value, or skip.');
    input.write('skip\n');
    await waitFor(out, 'Checking example.org...');
    input.write('\x03');
    await waitFor(out, 'The check could not run: you cancelled it (Ctrl-C)\n');
    input.write('help\n');
    // Answered, and the prompt is back after the answer.
    await waitFor(out, `${TERMINAL_WHERE}\n\x1b[1G\x1b[0J> `);
    input.write('\x03');
    await done;
  });

  test('Ctrl-D at the prompt exits', async () => {
    const input = terminal();
    const out = capture();
    const done = runChat({ input, output: out.output, handler: service(), key: 'tty2' });
    await waitFor(out, 'Which domain?');
    input.write('\x04');
    await done;
  });

  test('Ctrl-C twice while a check runs exits without waiting for it', async () => {
    const input = terminal();
    const out = capture();
    // A handler that drops the cancel signal, so its check runs on: the chat must not wait for it to leave.
    let release: () => void = () => undefined;
    let checkStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (checkStarted = resolve));
    const slowCheck: CheckRunner = () =>
      new Promise((resolve) => {
        release = () => resolve({ outcome: 'cause-a' });
        checkStarted();
      });
    const handler = service(slowCheck);
    const deaf = { ...handler, handle: (key: string, inp: Parameters<typeof handler.handle>[1], d: Parameters<typeof handler.handle>[2]) => handler.handle(key, inp, d) };
    const done = runChat({ input, output: out.output, handler: deaf, key: 'tty3', vars: { domain: 'example.org' } });
    await waitFor(out, 'Is it verified?');
    input.write('yes\nskip\n');
    await waitFor(out, 'Checking example.org...');
    input.write('\x03');
    input.write('\x03');
    await done;
    // The check finishing after the user left prints nothing.
    const shown = out.text();
    await started;
    release();
    while ((await handler.peek('tty3'))?.status === 'checking') await new Promise((resolve) => setImmediate(resolve));
    expect((await handler.peek('tty3'))?.status).toBe('ended');
    expect(out.text()).toBe(shown);
  });
});

describe('control characters typed by a user', () => {
  test('are shown escaped, never written raw, in the echo and in replies that quote them', async () => {
    const input = new PassThrough();
    const out = capture();
    input.end('\x1b[2J\x1b]0;owned\x07ex\bample\x9b31m\n');
    await runChat({ input, output: out.output, handler: service(), key: 'c1' });
    // eslint-disable-next-line no-control-regex
    expect(out.text()).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(out.text()).toContain('> ^[[2J^[]0;owned^Gex^Hample\\x9b31m\n');
  });
});
