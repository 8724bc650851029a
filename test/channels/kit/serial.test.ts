import { KeyedSerial } from '../../../src/channels/kit/serial';

describe('KeyedSerial', () => {
  it('runs work of one key in arrival order, other keys alongside, and survives failures', async () => {
    const serial = new KeyedSerial();
    const log: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = serial.run('a', () => new Promise<void>((resolve) => {
      log.push('a1 start');
      releaseFirst = () => {
        log.push('a1 end');
        resolve();
      };
    }));
    const failing = serial.run('a', async () => {
      log.push('a2');
      throw new Error('boom');
    });
    const third = serial.run('a', async () => log.push('a3'));
    await serial.run('b', async () => log.push('b1'));
    expect(log).toEqual(['a1 start', 'b1']);
    releaseFirst();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2', 'a3']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(serial.size).toBe(0);
  });
});
