import type { Cookie } from '../cookie';

export type DecodedFormat =
  | 'jwt'
  | 'jwe'
  | 'flask'
  | 'django-signed'
  | 'django-session-id'
  | 'express-session'
  | 'cookie-parser-signed'
  | 'cookie-session'
  | 'rails-encrypted'
  | 'rails-signed'
  | 'laravel-encrypted'
  | 'aspnet-data-protection'
  | 'aspnet-session-id'
  | 'aspnet-forms-auth'
  | 'php-session-id'
  | 'java-session-id'
  | 'json'
  | 'rfc2109-quoted'
  | 'tcf-v2'
  | 'onetrust-consent'
  | 'cookiebot-consent'
  | 'klaro-consent'
  | 'cookieconsent-v3'
  | 'base64'
  | 'url-encoded';

/** What Cookie Lens could read from a value. Plain data: it goes into reports as is. */
export interface Decoded {
  format: DecodedFormat;
  framework?: string;
  /** What the value carries, when it can be read. */
  payload?: unknown;
  /** Where a session's data lives: inside the cookie, or on the server behind an opaque id. */
  storage?: 'client' | 'server';
  signed?: boolean;
  encrypted?: boolean;
  /** The opaque session id inside the value (for entropy checks), when there is one. */
  id?: string;
  /** Times inside the value, ms since the epoch. */
  issuedAt?: number;
  expiresAt?: number;
  notBefore?: number;
  /** The publicly known secret that produced the signature, when one did. */
  knownSecret?: string;
  notes?: string[];
}

export type SignatureKind = 'flask' | 'django' | 'express' | 'cookie-session' | 'jwt';

/** What a signature check needs; kept out of reports. */
export interface SignatureInput {
  kind: SignatureKind;
  /** The exact signed text. */
  message: string;
  /** The signature as it appears in the cookie (base64, base64url or hex per kind). */
  signature: string;
  /** Hash for JWT (SHA-256/384/512) and Django (SHA-256 or legacy SHA-1). */
  hash?: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Django's salt (the signer's namespace). */
  salt?: string;
}

export interface DecodeResult {
  decoded: Decoded;
  signature?: SignatureInput;
}

export type CookieLike = Pick<Cookie, 'name' | 'value'>;

/** The page's other cookies by name (a Map fits), for formats that pair cookies up. */
export interface Siblings {
  get(name: string): CookieLike | undefined;
}

/** Indexes a jar by name once, so looking up siblings stays linear on big jars. */
export function siblingsOf(jar: readonly CookieLike[]): Siblings {
  return new Map(jar.map((c) => [c.name, c]));
}

/**
 * One decoder per format. `decode` returns null for "not this format" and never throws, whatever the
 * input; `jar` finds the page's other cookies by name (cookie-session keeps its signature in a sibling).
 */
export interface DecoderExample {
  cookie: CookieLike;
  /** The page's other cookies (cookie-session's `.sig`). */
  jar?: CookieLike[];
  /** What the whole decoder chain must answer for it (so the registry's order is checked too). */
  format: DecodedFormat;
}

export interface Decoder {
  /** Unique; the file name, or file name and variant where one file holds two (django). */
  id: string;
  /** Every format it answers with, and the name the details pane shows for it. */
  formats: Partial<Record<DecodedFormat, string>>;
  decode(cookie: CookieLike, jar: Siblings): Promise<DecodeResult | null> | DecodeResult | null;
  /** Checked by the decoder catalogue test: each match decodes to its format, each noMatch to nothing. */
  examples: { match: DecoderExample[]; noMatch: CookieLike[] };
}
