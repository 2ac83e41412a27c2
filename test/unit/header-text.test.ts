import { describe, expect, it } from 'vitest';
import { bytesAsText, headerText, latin1AsUtf8 } from '../../src/core/header-text';

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
/** What HAR and Firefox hand over: each byte of the header as one character. */
const asLatin1 = (s: string) => String.fromCharCode(...utf8(s));

describe('header text as the Network panel shows it', () => {
  it('reads UTF-8 bytes carried as Latin-1 characters (HAR, Firefox): "hÃ©llo wÃ¶rld" is "héllo wörld"', () => {
    expect(asLatin1('msg=héllo wörld')).toBe('msg=hÃ©llo wÃ¶rld');
    expect(latin1AsUtf8(asLatin1('msg=héllo wörld; Path=/'))).toBe('msg=héllo wörld; Path=/');
    expect(latin1AsUtf8(asLatin1('emoji=🍪'))).toBe('emoji=🍪');
  });

  it('leaves ASCII, real Latin-1 (not valid UTF-8) and already-decoded text alone', () => {
    expect(latin1AsUtf8('sid=abc; Secure')).toBe('sid=abc; Secure');
    expect(latin1AsUtf8('name=caf\u00e9')).toBe('name=caf\u00e9');
    expect(latin1AsUtf8('name=日本')).toBe('name=日本');
  });

  it('webRequest headers: value as given, binaryValue decoded with U+FFFD for broken sequences', () => {
    expect(headerText({ value: 'a=héllo' })).toBe('a=héllo');
    expect(headerText({ binaryValue: utf8('a=wörld') })).toBe('a=wörld');
    expect(bytesAsText([0x61, 0x3d, 0xff, 0x62])).toBe('a=\ufffdb');
    expect(headerText({})).toBe('');
  });
});
