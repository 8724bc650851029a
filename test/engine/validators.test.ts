import { validateAnswer } from '../../src/engine/validators';

describe('validateAnswer', () => {
  test('domain: stores the ASCII form, refuses with the parser message', () => {
    expect(validateAnswer('domain', ' https://Bücher.example/x ')).toEqual({ ok: true, value: 'xn--bcher-kva.example' });
    expect(validateAnswer('domain', '*.Example.com.')).toEqual({ ok: true, value: '*.example.com' });
    expect(validateAnswer('domain', 'localhost')).toEqual({ ok: false, message: '"localhost" is not a domain name: it needs at least two labels, like example.com.' });
  });

  test('record-value: trims and strips one pair of quotes', () => {
    expect(validateAnswer('record-value', '  "2026112509300012345abc" ')).toEqual({ ok: true, value: '2026112509300012345abc' });
    expect(validateAnswer('record-value', "'abc'")).toEqual({ ok: true, value: 'abc' });
    expect(validateAnswer('record-value', '“abc”')).toEqual({ ok: true, value: 'abc' });
    expect(validateAnswer('record-value', 'a "quoted" middle')).toEqual({ ok: true, value: 'a "quoted" middle' });
    expect(validateAnswer('record-value', '""')).toEqual({ ok: false, message: 'Please paste the record value.' });
  });

  test('text (and no validator): anything but blank', () => {
    expect(validateAnswer('text', '  hi ')).toEqual({ ok: true, value: 'hi' });
    expect(validateAnswer(undefined, '   ')).toEqual({ ok: false, message: 'Please type an answer.' });
  });
});
