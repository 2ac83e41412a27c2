import { describe, expect, it } from 'vitest';
import { errorLine, explainError } from '../../src/core/browser-errors';
import { makeCookie } from '../helpers';

describe("every message a user sees is Cookie Lens's, with the browser's words kept", () => {
  it('a storage quota error says what happened and that nothing needs doing', () => {
    const e = explainError(new Error('Resource::kQuotaBytes quota exceeded'));
    expect(e.message).toMatch(/^The extension’s storage is full, so the change timeline could not be saved/);
    expect(e.raw).toBe('Resource::kQuotaBytes quota exceeded');
    expect(errorLine(e)).toMatch(/\(The browser said: Resource::kQuotaBytes quota exceeded\)$/);
  });

  it('"Failed to parse or set cookie" names the real cause from the storage model', () => {
    const big = makeCookie({ name: 'big', value: 'x'.repeat(5000) });
    expect(explainError(new Error('Failed to parse or set cookie named "big".'), big)).toEqual({
      message: 'The browser refused "big": Name and value are 5,003 bytes; browsers refuse cookies over 4,096.',
      raw: 'Failed to parse or set cookie named "big".',
    });
    const crlf = makeCookie({ name: 'crlf', value: 'a\r\nb' });
    expect(explainError(new Error('Failed to parse or set cookie named "crlf".'), crlf).message).toMatch(
      /^The browser refused "crlf": The value contains ";" or a control character/,
    );
  });

  it('an invocation error is called a bug of Cookie Lens, not blamed on the cookie', () => {
    const e = explainError(
      new Error("Error in invocation of cookies.set(object details): Error at parameter 'details': Unexpected property: 'firstPartyDomain'."),
    );
    expect(e.message).toMatch(/This is a bug in Cookie Lens/);
  });

  it('a worker that does not answer, a closed tab, a closed store', () => {
    expect(explainError(new Error('Could not establish connection. Receiving end does not exist.')).message).toMatch(/background worker did not answer/);
    expect(explainError(new Error('No tab with id: 4.')).message).toBe('The tab was closed.');
    expect(explainError(new Error('Invalid storeId: firefox-container-9')).message).toMatch(/not open any more/);
  });

  it('a message that is already ours passes through unchanged, with no raw copy', () => {
    expect(explainError(new Error('Nothing to do.'))).toEqual({ message: 'Nothing to do.' });
  });
});
