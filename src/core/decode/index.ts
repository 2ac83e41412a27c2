import { aspnet } from './aspnet';
import { base64 } from './base64';
import { consent } from './consent';
import { cookieSession } from './cookie-session';
import { djangoSessionId, djangoSigned } from './django';
import { expressSession } from './express-session';
import { flask } from './flask';
import { java } from './java';
import { json } from './json';
import { jwt } from './jwt';
import { laravel } from './laravel';
import { boundPayload, notesOf } from './limits';
import { php } from './php';
import { quoted } from './quoted';
import { rails } from './rails';
import type { CookieLike, DecodedFormat, DecodeResult, Decoder, Siblings } from './types';
import { url } from './url';

// The decoders: one registry. A new decoder is its own file (with its labelled formats and examples, which
// the catalogue test runs) and one line here; its format ids go into `DecodedFormat` (decode/types.ts).

/** Most specific first: a framework format beats "it is base64". */
export const DECODERS: readonly Decoder[] = [
  jwt,
  expressSession,
  cookieSession,
  flask,
  djangoSigned,
  djangoSessionId,
  rails,
  laravel,
  aspnet,
  php,
  java,
  consent,
  quoted,
  json,
  base64,
  url,
];

/** The name users know a format by ("Flask session (itsdangerous)"), from the decoder that produces it. */
export function formatLabel(format: DecodedFormat): string {
  for (const d of DECODERS) {
    const label = d.formats[format];
    if (label) return label;
  }
  return format;
}

/** Values over this are not decoded: a browser cannot store more than 4096 bytes anyway. */
const MAX_VALUE = 8192;

/** Every decoder's payload within LIMITS, whatever the decoder did. */
function bounded(result: DecodeResult): DecodeResult {
  if (result.decoded.payload === undefined) return result;
  const { value, note } = boundPayload(result.decoded.payload);
  if (!note) return result;
  return { ...result, decoded: { ...result.decoded, payload: value, notes: notesOf(...(result.decoded.notes ?? []), note) } };
}

/** The first decoder that recognises the value, or null. Never throws. */
export async function decodeValue(cookie: CookieLike, jar: Siblings): Promise<DecodeResult | null> {
  if (cookie.value.length === 0 || cookie.value.length > MAX_VALUE) return null;
  for (const decoder of DECODERS) {
    try {
      // Most decoders answer synchronously; awaiting only real promises keeps big jars fast.
      const answer = decoder.decode(cookie, jar);
      const result = answer instanceof Promise ? await answer : answer;
      if (result) return bounded(result);
    } catch {
      // A decoder must not throw (property tests hold them to it); if one ever does, the value is
      // simply not of its format rather than breaking the whole report.
    }
  }
  return null;
}
