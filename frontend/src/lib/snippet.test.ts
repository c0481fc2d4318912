import { describe, expect, it } from 'vitest';
import { splitSnippet } from './snippet';

describe('splitSnippet', () => {
  it('marks the runs between the markers', () => {
    expect(splitSnippet('restart the \x02queue\x03 on \x02eu\x03-west')).toEqual([
      { text: 'restart the ', mark: false },
      { text: 'queue', mark: true },
      { text: ' on ', mark: false },
      { text: 'eu', mark: true },
      { text: '-west', mark: false },
    ]);
  });

  it('returns plain text as one segment and nothing for an empty snippet', () => {
    expect(splitSnippet('no match markers')).toEqual([{ text: 'no match markers', mark: false }]);
    expect(splitSnippet('')).toEqual([]);
  });

  it('marks to the end when the closing marker is missing', () => {
    expect(splitSnippet('…the \x02queue')).toEqual([
      { text: '…the ', mark: false },
      { text: 'queue', mark: true },
    ]);
  });

  it('drops stray and doubled markers without losing text', () => {
    expect(splitSnippet('a\x03b\x02\x02c\x03\x03d')).toEqual([
      { text: 'ab', mark: false },
      { text: 'c', mark: true },
      { text: 'd', mark: false },
    ]);
  });

  it('keeps HTML as text', () => {
    expect(splitSnippet('\x02<img src=x onerror=alert(1)>\x03')).toEqual([{ text: '<img src=x onerror=alert(1)>', mark: true }]);
  });
});
