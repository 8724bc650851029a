import { MemoryStore } from '../../src/store/memory';
import { runStateStoreContract } from './contract';

runStateStoreContract('MemoryStore', (clock) => new MemoryStore({ now: clock.now }));

describe('MemoryStore', () => {
  test('uses Date.now when no clock is given', async () => {
    const store = new MemoryStore();
    await store.set('k', 'v', { ttlMs: 60_000 });
    expect((await store.get('k'))?.value).toBe('v');
  });
});
