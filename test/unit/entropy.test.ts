import { describe, expect, it } from 'vitest';
import { entropyBits } from '../../src/core/entropy';

const randomHex = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => (b % 16).toString(16)).join('');

describe('session id entropy', () => {
  it('counts bits from the alphabet for random-looking ids', () => {
    for (let i = 0; i < 50; i++) expect(entropyBits(randomHex(32))).toBeGreaterThanOrEqual(110);
    expect(entropyBits('9f2c4e8a7b1d3f5e6a8c0b2d4f6e8a1c')).toBe(128);
  });

  it('gives a 16-hex-character random id about 64 bits, the OWASP minimum', () => {
    const bits = Array.from({ length: 200 }, () => entropyBits(randomHex(16)));
    expect(bits.filter((b) => b >= 56).length / bits.length).toBeGreaterThan(0.95);
  });

  it('sees through ids that only look long', () => {
    expect(entropyBits('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBeLessThan(10);
    expect(entropyBits('abababababababababababababababab')).toBeLessThan(64);
    expect(entropyBits('1234567890')).toBeLessThan(64);
    expect(entropyBits('42')).toBeLessThan(10);
  });

  it('knows base64url and PHP-style alphabets', () => {
    expect(entropyBits('Zx81kq0LmA4vB7nT2yR6-_pQ')).toBeGreaterThan(120);
    expect(entropyBits('n8d1rq4v0h2m6k3p9s7t5l1c2e')).toBeGreaterThan(110);
  });
});
