/**
 * The SDK's console.error calls are redirected only inside the work they were made for; console.error
 * anywhere else, including code running at the same time, still reaches the console.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { withConsoleErrorsTo } from '../../../src/channels/teams/sdk-console';

describe('withConsoleErrorsTo', () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => consoleError.mockRestore());

  it('sends calls made inside the work (after awaits too) to the sink, errors without their stack', async () => {
    const sunk: string[] = [];
    const result = await withConsoleErrorsTo(
      (message) => sunk.push(message),
      async () => {
        console.error('first', { kid: 'k1' });
        await nextTurn();
        console.error(new RangeError('jwt expired'));
        return 'done';
      },
    );
    expect(result).toBe('done');
    expect(sunk).toEqual(["first { kid: 'k1' }", 'RangeError: jwt expired']);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('leaves concurrent and later calls outside the work on the console', async () => {
    const sunk: string[] = [];
    const work = withConsoleErrorsTo(
      (message) => sunk.push(message),
      async () => {
        await nextTurn();
        console.error('inside');
      },
    );
    console.error('beside');
    await work;
    console.error('after');
    expect(sunk).toEqual(['inside']);
    expect(consoleError.mock.calls).toEqual([['beside'], ['after']]);
  });

  it('passes a failure of the work through unchanged', async () => {
    const failure = new Error('refused');
    await expect(withConsoleErrorsTo(() => undefined, async () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
