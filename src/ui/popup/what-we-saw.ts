import type { AnalyzedCookie } from '../../core/analyzed';
import { sameSiteLabel } from '../../core/cookie';
import { formatExpires } from '../format';

/** One line describing a cookie the way its Set-Cookie header would: "sid on shop.example: Secure, HttpOnly…". */
export function attributesLine(c: AnalyzedCookie): string {
  const parts = [
    c.hostOnly ? `host ${c.domain}` : `Domain=${c.domain.replace(/^\./, '')}`,
    `Path=${c.path}`,
    c.secure ? 'Secure' : 'no Secure',
    c.httpOnly ? 'HttpOnly' : 'no HttpOnly',
    c.sameSite === 'unspecified' ? 'no SameSite' : `SameSite=${sameSiteLabel(c.sameSite)}`,
    c.session ? 'session (no expiry)' : `expires ${formatExpires(c)}`,
  ];
  if (c.partitioned) parts.push('Partitioned');
  return parts.join(' · ');
}
