import { base64ToBytes, equalBytes } from '../bytes';
import type { SignatureInput } from '../decode/types';
import { WEAK_BYTE_SECRETS, WEAK_SECRETS } from './weak-secrets';

type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s);

export interface Candidate {
  label: string;
  bytes: Uint8Array;
}

export const CANDIDATES: readonly Candidate[] = [...WEAK_SECRETS.map((s) => ({ label: s, bytes: utf8(s) })), ...WEAK_BYTE_SECRETS];

/**
 * Checks signatures against known secrets with WebCrypto. Keys are imported once per (secret, hash,
 * derivation) and reused across cookies, which is most of the cost.
 */
export class SecretChecker {
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(private readonly candidates: readonly Candidate[] = CANDIDATES) {}

  /** The label of the known secret that produced this signature, or null. */
  async find(input: SignatureInput): Promise<string | null> {
    const expected = base64ToBytes(input.signature);
    if (!expected || expected.length < 16) return null;
    const message = utf8(input.message);
    for (const candidate of this.candidates) {
      const key = await this.keyFor(input, candidate);
      if (!key) continue;
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
      if (equalBytes(mac, expected)) return candidate.label;
    }
    return null;
  }

  private keyFor(input: SignatureInput, candidate: Candidate): Promise<CryptoKey> | null {
    const id = `${input.kind}|${input.hash ?? ''}|${input.salt ?? ''}|${candidate.label}`;
    let key = this.keys.get(id);
    if (!key) {
      key = this.derive(input, candidate.bytes);
      this.keys.set(id, key);
    }
    return key;
  }

  private async derive(input: SignatureInput, secret: Uint8Array): Promise<CryptoKey> {
    switch (input.kind) {
      case 'express':
        return hmacKey(secret, 'SHA-256');
      case 'cookie-session':
        return hmacKey(secret, 'SHA-1');
      case 'jwt':
        return hmacKey(secret, input.hash ?? 'SHA-256');
      case 'flask': {
        // itsdangerous key_derivation="hmac": key = HMAC-SHA1(secret, salt), salt "cookie-session".
        const derived = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'SHA-1'), utf8('cookie-session'));
        return hmacKey(new Uint8Array(derived), 'SHA-1');
      }
      case 'django': {
        // django.utils.crypto.salted_hmac: key = hash(salt + "signer" + SECRET_KEY).
        const hash = input.hash ?? 'SHA-256';
        const prefix = utf8(`${input.salt ?? ''}signer`);
        const material = new Uint8Array(prefix.length + secret.length);
        material.set(prefix);
        material.set(secret, prefix.length);
        return hmacKey(new Uint8Array(await crypto.subtle.digest(hash, material)), hash);
      }
    }
  }
}

function hmacKey(secret: Uint8Array, hash: Hash): Promise<CryptoKey> {
  // WebCrypto refuses zero-length HMAC keys; an empty secret is padded as HMAC itself would (zeros).
  const raw = secret.length ? secret : new Uint8Array(1);
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'HMAC', hash }, false, ['sign']);
}
