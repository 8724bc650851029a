/** .env loading for `certstatus serve`: Node's own parser, the environment wins, a named file must exist. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDotEnv } from '../../src/config/dotenv';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'certstatus-dotenv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDotEnv', () => {
  it('reads ./.env of the working directory, without overriding what the environment sets', () => {
    writeFileSync(path.join(dir, '.env'), '# comment\nSLACK_BOT_TOKEN=xoxb-file\nPORT=4000\nQUOTED="a b"\nEMPTY=\n');
    const env: Record<string, string | undefined> = { PORT: '5000' };
    const result = loadDotEnv(env, { cwd: dir });
    expect(result).toEqual({ file: path.join(dir, '.env'), loaded: ['EMPTY', 'QUOTED', 'SLACK_BOT_TOKEN'] });
    expect(env).toEqual({ PORT: '5000', SLACK_BOT_TOKEN: 'xoxb-file', QUOTED: 'a b', EMPTY: '' });
  });

  it('does nothing without a .env', () => {
    const env = {};
    expect(loadDotEnv(env, { cwd: dir })).toEqual({ loaded: [] });
    expect(env).toEqual({});
  });

  it('refuses a named file that does not exist, in one line', () => {
    expect(() => loadDotEnv({}, { cwd: dir, file: 'prod.env' })).toThrow(`--env-file ${path.join(dir, 'prod.env')} does not exist.`);
  });
});
