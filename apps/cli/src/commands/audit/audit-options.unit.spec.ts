import { auditUrlOf, wholeNumber } from './audit-options';

describe('audit command options', () => {
  it('takes whole numbers from the minimum on, and explains anything else', () => {
    const position = wholeNumber('--from-position', 1);
    expect(position('42')).toBe(42);
    expect(() => position('0')).toThrow('--from-position "0" must be a whole number of at least 1.');
    expect(() => position('4.5')).toThrow('must be a whole number');
    expect(() => position('-3')).toThrow('must be a whole number');
  });

  it('takes an http(s) audit URL without its trailing slash', () => {
    expect(auditUrlOf({ auditUrl: 'http://127.0.0.1:3005/' })).toBe('http://127.0.0.1:3005');
    expect(() => auditUrlOf({ auditUrl: 'ftp://x' })).toThrow('must be an http or https URL');
    expect(() => auditUrlOf({ auditUrl: 'nonsense' })).toThrow('is not a URL');
  });
});
