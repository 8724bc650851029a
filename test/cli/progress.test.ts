/** Progress on stderr only when it is a terminal: the server asked and the time, wiped at the end. */
import { PassThrough } from 'node:stream';
import { progressFor } from '../../src/cli/progress';

function stderr(tty: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (tty) stream.isTTY = true;
  let out = '';
  stream.on('data', (c) => (out += String(c)));
  return { stream, text: () => out };
}

const io = (s: PassThrough, env: NodeJS.ProcessEnv = {}) => ({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: s, env });

describe('progressFor', () => {
  it('shows which server is asked and the elapsed time on a terminal, then wipes the line', () => {
    const err = stderr(true);
    let t = 1000;
    const p = progressFor(io(err.stream), 2, () => t);
    t = 2500;
    p.onAsk('ns1.example.net (192.0.2.1)', { name: '_dnsauth.example.com', type: 'TXT' });
    const line = '[0/2] 1.5 s: asking ns1.example.net (192.0.2.1) for TXT _dnsauth.example.com';
    expect(err.text()).toBe(`\r${line}`);
    p.done();
    expect(err.text()).toBe(`\r${line}\r${' '.repeat(line.length)}\r`);
  });

  it.each([
    ['piped', false, {}],
    ['TERM=dumb', true, { TERM: 'dumb' }],
    ['CI', true, { CI: 'true' }],
  ])('writes nothing when %s', (_what, tty, env) => {
    const err = stderr(tty as boolean);
    const p = progressFor(io(err.stream, env as NodeJS.ProcessEnv), 1);
    p.onAsk('resolver 10.0.0.53', { name: 'example.com', type: 'NS' });
    p.done();
    expect(err.text()).toBe('');
  });
});
