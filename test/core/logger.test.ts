import { Writable } from 'node:stream';
import { createLogger } from '../../src/core/logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('createLogger', () => {
  it('writes one JSON object per event with level and message', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.info({ conversation: 'slack:T1:C1:1.2' }, 'turn handled');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 30, msg: 'turn handled', conversation: 'slack:T1:C1:1.2', app: 'certstatus' });
  });

  it('redacts secrets wherever a caller passes them', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.warn({ config: { botToken: 'xoxb-secret', signingSecret: 'shh' }, token: 'abc' }, 'config');
    const text = JSON.stringify(out.lines());
    expect(text).not.toContain('xoxb-secret');
    expect(text).not.toContain('shh');
    expect(text).not.toContain('"abc"');
    expect(text).toContain('[redacted]');
  });
});
