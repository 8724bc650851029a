/** The linter and the engine must agree on what a placeholder is, or lint would pass texts that render wrong. */
import { fillTemplate } from '../../src/engine/template';
import { fillPlaceholders, placeholderNames } from '../../src/flow/placeholders';
import { parseFlow } from '../../src/flow/load';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SAMPLES = [
  'Check {{domain}} now',
  'Spaces {{ domain }} and {{expect}}',
  'Two {{a}}{{b_c}} {{with-dash}} {{dotted.name}}',
  'Not ones: {domain} {{}} {{ two words }} {{domain} {{{x}',
];

describe('placeholders', () => {
  it.each(SAMPLES)('lint and engine see the same placeholders in %j', (text) => {
    const names = placeholderNames(text);
    const vars = Object.fromEntries(names.map((n) => [n, '<filled>']));
    const filled = fillTemplate(text, vars);
    // Every name the linter found is filled, and nothing the linter did not find changes.
    let expected = text;
    for (const n of names) expected = expected.replace(new RegExp(`\\{\\{\\s*${n.replace(/[.-]/g, '\\$&')}\\s*\\}\\}`), '<filled>');
    expect(filled).toBe(expected);
    expect(fillPlaceholders(text, vars)).toBe(filled);
  });

  it('warns about each malformed placeholder form', () => {
    const base = readFileSync(path.join(__dirname, 'fixtures', 'valid.yaml'), 'utf8');
    for (const bad of ['{domain}', '{{domain}', '{{ two words }}', '{{}}']) {
      const { problems } = parseFlow(base.replace('_dnsauth.{{domain}}', `_dnsauth.${bad}`), 'x.yaml');
      expect([bad, problems.map((p) => p.code)]).toEqual([bad, ['malformed-placeholder']]);
    }
  });

  it('fills only the variables given, never what every object inherits', () => {
    const text = 'Hi {{constructor}}, {{toString}} and {{__proto__}} for {{domain}}';
    expect(fillPlaceholders(text, { domain: 'shop.example' })).toBe('Hi {{constructor}}, {{toString}} and {{__proto__}} for shop.example');
    expect(fillPlaceholders('{{constructor}}', { constructor: 'given' } as Record<string, string>)).toBe('given');
  });
});
