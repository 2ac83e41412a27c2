import { describe, expect, it } from 'vitest';
import { openProfile, PBKDF2_ITERATIONS, type Profile, sealProfile } from '../../src/core/profile';
import { makeCookie } from '../helpers';

const profile: Profile = {
  name: 'admin',
  site: 'shop.example',
  savedAt: Date.UTC(2026, 11, 1),
  cookies: [makeCookie({ name: 'sid', value: 'secret-session-value-123', domain: 'shop.example' })],
  localStorage: [{ origin: 'https://shop.example', items: [{ name: 'access_token', value: 'eyJ.secret.token' }] }],
};

describe('encrypted profiles (PBKDF2 + AES-GCM)', () => {
  it('round-trips with the passphrase; the file names the profile but holds no cookie value in clear', async () => {
    const text = await sealProfile(profile, 'correct horse battery');
    expect(text).not.toContain('secret-session-value-123');
    expect(text).not.toContain('eyJ.secret.token');
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      format: 'cookie-lens-profile',
      version: 1,
      name: 'admin',
      site: 'shop.example',
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS },
    });
    expect(await openProfile(text, 'correct horse battery')).toEqual(profile);
    // A fresh salt and IV each time: the same profile never gives the same file.
    expect(await sealProfile(profile, 'correct horse battery', 100_000)).not.toBe(await sealProfile(profile, 'correct horse battery', 100_000));
  });

  it('a wrong passphrase is refused with a clear message', async () => {
    const text = await sealProfile(profile, 'correct horse battery', 100_000);
    await expect(openProfile(text, 'wrong horse battery')).rejects.toThrow(
      'Wrong passphrase for the profile "admin" — or the file was changed since it was exported. Nothing was imported.',
    );
  });

  it('a changed file is refused too (the GCM tag), and so are files that are not profiles or weaken the KDF', async () => {
    const file = JSON.parse(await sealProfile(profile, 'correct horse battery', 100_000));
    const data = Buffer.from(file.data, 'base64');
    data[3] ^= 1;
    await expect(openProfile(JSON.stringify({ ...file, data: data.toString('base64') }), 'correct horse battery')).rejects.toThrow(
      /Wrong passphrase .* or the file was changed/,
    );
    await expect(openProfile(JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 1 } }), 'correct horse battery')).rejects.toThrow(/damaged/);
    await expect(openProfile('{"cookies": []}', 'x')).rejects.toThrow('This is not a Cookie Lens profile file (no "format": "cookie-lens-profile").');
    await expect(openProfile('not json', 'x')).rejects.toThrow(/not JSON/);
  });

  it('refuses a short passphrase', async () => {
    await expect(sealProfile(profile, 'short')).rejects.toThrow('Use a passphrase of at least 8 characters.');
  });
});
