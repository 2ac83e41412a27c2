// Profiles (test users): a site's cookies and localStorage saved under a name, to switch between users in one
// click, and the passphrase-encrypted file a team shares one in — so a test user's session never travels as raw
// cookies in a chat. WebCrypto only: PBKDF2-HMAC-SHA-256 (OWASP's 600,000 iterations) derives an AES-256-GCM
// key; GCM's tag makes a wrong passphrase or a changed file fail to decrypt instead of giving garbage.
import type { Cookie } from './cookie';

export interface Profile {
  name: string;
  /** The site (registrable domain) whose cookies these are. */
  site: string;
  savedAt: number;
  cookies: Cookie[];
  /** localStorage per origin of the site, as the page held it when the profile was saved. */
  localStorage: { origin: string; items: { name: string; value: string }[] }[];
}

export const PROFILE_FORMAT = 'cookie-lens-profile';
export const PBKDF2_ITERATIONS = 600_000;

/** What an encrypted profile file holds: the KDF and cipher parameters in clear, the profile sealed. */
export interface SealedProfile {
  format: typeof PROFILE_FORMAT;
  version: 1;
  /** Names only, to say what the file is before it is opened: never a cookie value. */
  name: string;
  site: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  data: string;
}

export class ProfileError extends Error {}

const b64 = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function keyFor(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number, use: KeyUsage): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [use]);
}

/** The minimum a passphrase must have: a short one falls to a guessing attack on the file whatever the KDF. */
export const MIN_PASSPHRASE = 8;

export async function sealProfile(profile: Profile, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE) throw new ProfileError(`Use a passphrase of at least ${MIN_PASSPHRASE} characters.`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFor(passphrase, salt, iterations, 'encrypt');
  const plain = new TextEncoder().encode(JSON.stringify(profile));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  const file: SealedProfile = {
    format: PROFILE_FORMAT,
    version: 1,
    name: profile.name,
    site: profile.site,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: b64(salt) },
    cipher: { name: 'AES-GCM', iv: b64(iv) },
    data: b64(sealed),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function sealedOf(text: string): SealedProfile {
  let file: Partial<SealedProfile>;
  try {
    file = JSON.parse(text) as Partial<SealedProfile>;
  } catch {
    throw new ProfileError('This is not a Cookie Lens profile file: it is not JSON.');
  }
  if (file?.format !== PROFILE_FORMAT) throw new ProfileError('This is not a Cookie Lens profile file (no "format": "cookie-lens-profile").');
  if (file.version !== 1) throw new ProfileError(`This profile file is version ${String(file.version)}; this Cookie Lens reads version 1.`);
  const ok =
    file.kdf?.name === 'PBKDF2' &&
    file.kdf.hash === 'SHA-256' &&
    Number.isInteger(file.kdf.iterations) &&
    file.kdf.iterations >= 100_000 &&
    file.kdf.iterations <= 10_000_000 &&
    typeof file.kdf.salt === 'string' &&
    file.cipher?.name === 'AES-GCM' &&
    typeof file.cipher.iv === 'string' &&
    typeof file.data === 'string';
  if (!ok) throw new ProfileError('The profile file is damaged: its key or cipher parameters are missing or out of range.');
  return file as SealedProfile;
}

/** Opens an encrypted profile; a wrong passphrase (or a changed file) is refused with a clear message. */
export async function openProfile(text: string, passphrase: string): Promise<Profile> {
  const file = sealedOf(text);
  let plain: ArrayBuffer;
  try {
    const key = await keyFor(passphrase, unb64(file.kdf.salt), file.kdf.iterations, 'decrypt');
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(file.cipher.iv) }, key, unb64(file.data));
  } catch {
    throw new ProfileError(`Wrong passphrase for the profile "${file.name}" — or the file was changed since it was exported. Nothing was imported.`);
  }
  const profile = JSON.parse(new TextDecoder().decode(plain)) as Profile;
  if (!profile || typeof profile.name !== 'string' || !Array.isArray(profile.cookies) || !Array.isArray(profile.localStorage))
    throw new ProfileError('The profile decrypted but is not a profile (no name, cookies or localStorage).');
  return profile;
}
