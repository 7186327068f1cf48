import { describe, expect, it } from 'vitest';
import { csvLine } from './csv-line';

describe('csvLine', () => {
  it('quotes what must be quoted and defuses spreadsheet formulas', () => {
    expect(csvLine([1, 'plain', null, 'a,b', 'say "hi"', '=HYPERLINK("x")', { a: 1 }])).toBe('1,plain,,"a,b","say ""hi""","\'=HYPERLINK(""x"")","{""a"":1}"\r\n');
    expect(csvLine(['-1', '@sum', 'line\nbreak'])).toBe('\'-1,\'@sum,"line\nbreak"\r\n');
  });
});
