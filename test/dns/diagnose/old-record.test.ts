/** old-record-not-deleted: the verification name still holds a value from an earlier certificate. */
import { EXPECTED, OLD, txt, zone } from '../../support/dns-world/standard';
import { evidenceText, finding, useWorld } from './helpers';

describe('an old verification value left in place', () => {
  const w = useWorld({
    zones: [
      zone('shop.test', [txt('_dnsauth.shop.test', OLD), txt('_dnsauth.shop.test', EXPECTED)]),
      zone('blog.test', [txt('_dnsauth.blog.test', OLD)]),
    ],
  });

  it('is found beside the new value, with the old value as evidence', async () => {
    const d = await w.check('shop.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['old-record-not-deleted']);
    const f = finding(d, 'old-record-not-deleted');
    expect(f.message).toContain('beside the current one');
    expect(evidenceText(f)).toContain(OLD);
    expect(evidenceText(f)).not.toContain(EXPECTED);
  });

  it('is found from the date stamp alone when the expected value is not known', async () => {
    const d = await w.check('blog.test');
    expect(d.causes).toEqual(['old-record-not-deleted']);
    expect(finding(d, 'old-record-not-deleted').message).toContain('2026-03-01 12:00 UTC');
  });

  it('is found when the only value is older than the expected one', async () => {
    const d = await w.check('blog.test', { expect: EXPECTED });
    expect(d.causes).toEqual(['old-record-not-deleted']);
  });
});
