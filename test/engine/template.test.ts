import { fillParams, fillTemplate, hasAllVars } from '../../src/engine/template';

describe('templates', () => {
  test('fills known placeholders, tolerating spaces, and leaves unknown ones visible', () => {
    expect(fillTemplate('dig TXT _dnsauth.{{domain}} ({{ domain }}) {{other}}', { domain: 'example.com' })).toBe(
      'dig TXT _dnsauth.example.com (example.com) {{other}}',
    );
  });

  test('hasAllVars is false when a placeholder has no value', () => {
    expect(hasAllVars('{{domain}}', { domain: 'a.b' })).toBe(true);
    expect(hasAllVars('{{expect}}', {})).toBe(false);
    expect(hasAllVars('{{expect}}', { expect: '' })).toBe(false);
    expect(hasAllVars('plain', {})).toBe(true);
  });

  test('fillParams leaves out parameters whose variables are not known', () => {
    expect(fillParams({ domain: '{{domain}}', expect: '{{expect}}', fixed: 'x' }, { domain: 'a.b' })).toEqual({ domain: 'a.b', fixed: 'x' });
    expect(fillParams(undefined, {})).toEqual({});
  });
});

test('names inherited from Object.prototype are not variables', () => {
  expect(fillTemplate('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
  expect(hasAllVars('{{constructor}}', {})).toBe(false);
});
