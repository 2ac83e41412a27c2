import { createHmac } from 'node:crypto';
import type { Cookie } from '../src/core/cookie';
import { analyze } from '../src/core/report';
import { SecretChecker } from '../src/core/secrets/verify';
import { parseSetCookie } from '../src/core/set-cookie';
import { fmt, time } from './stats';

const STRONG = 'bench-strong-secret-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c';
const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

function base(name: string, value: string, i: number): Cookie {
  return {
    name,
    value,
    domain: i % 3 === 0 ? `.site${i % 30}.example` : `www.site${i % 30}.example`,
    hostOnly: i % 3 !== 0,
    path: i % 5 === 0 ? '/app' : '/',
    secure: i % 2 === 0,
    httpOnly: i % 4 === 0,
    sameSite: (['lax', 'strict', 'no_restriction', 'unspecified'] as const)[i % 4],
    session: i % 3 === 0,
    ...(i % 3 === 0 ? {} : { expirationDate: Date.now() / 1000 + (i % 500) * 86400 }),
    storeId: '0',
  };
}

function jwtToken(i: number): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify({ sub: String(i), exp: 1_900_000_000 }));
  return `${head}.${body}.${createHmac('sha256', STRONG).update(`${head}.${body}`).digest('base64url')}`;
}

function flaskCookie(i: number): string {
  const payload = b64url(JSON.stringify({ user_id: i, cart: [1, 2, 3] }));
  const ts = b64url(Buffer.from([0x69, 0x00, 0x00, i % 256]));
  const key = createHmac('sha1', STRONG).update('cookie-session').digest();
  return `${payload}.${ts}.${createHmac('sha1', key).update(`${payload}.${ts}`).digest('base64url')}`;
}

function expressCookie(i: number): string {
  const id = b64url(Buffer.from(`session-id-${i}-abcdefghijklmnop`)).slice(0, 32);
  return `s%3A${id}.${createHmac('sha256', STRONG).update(id).digest('base64').replace(/=+$/, '')}`;
}

/** A jar the size of Chrome's maximum (3,300 cookies), with the mix of formats a heavy profile has. */
export function bigJar(size = 3300): Cookie[] {
  return Array.from({ length: size }, (_, i) => {
    switch (i % 8) {
      case 0:
        return base(`session${i}`, flaskCookie(i), i);
      case 1:
        return base(`token${i}`, jwtToken(i), i);
      case 2:
        return base(`connect.sid${i}`, expressCookie(i), i);
      case 3:
        return base(`_ga${i}`, `GA1.2.${1000000 + i}.${1700000000 + i}`, i);
      case 4:
        return base(`prefs${i}`, encodeURIComponent(JSON.stringify({ theme: 'dark', i })), i);
      case 5:
        return base(`PHPSESSID${i}`, createHmac('md5', String(i)).digest('hex'), i);
      case 6:
        return base(`lang${i}`, 'en-GB', i);
      default:
        return base(`c${i}`, b64url(Buffer.alloc(24, i)), i);
    }
  });
}

export async function benchEngine(): Promise<string[]> {
  const jar = bigJar();
  const url = 'https://www.site1.example/app';
  const analyzeMs = await time(() => analyze(jar, { url, secrets: false }), 7, 2);

  const signed = bigJar(160)
    .filter((_, i) => i % 8 < 3)
    .slice(0, 20);
  const cold = await time(() => analyze(signed, { url, secrets: new SecretChecker() }), 5, 1);
  const shared = new SecretChecker();
  await analyze(signed, { url, secrets: shared });
  const warm = await time(() => analyze(signed, { url, secrets: shared }), 5, 1);

  const headers = Array.from(
    { length: 100_000 },
    (_, i) => `c${i}=${b64url(String(i * 7919))}; Path=/; ${i % 2 ? 'Secure; ' : ''}HttpOnly; SameSite=Lax; Max-Age=${i}`,
  );
  const parseMs = await time(
    () => {
      for (const h of headers) parseSetCookie(h, 'https://shop.example/a');
    },
    3,
    1,
  );
  return [
    'engine (Node, same code as the worker):',
    `  analyze 3,300 cookies with decoding, no secret checks   ${fmt(analyzeMs)}   (budget < 100 ms)`,
    `  weak-secret check, 20 signed cookies × every known secret, cold keys   ${fmt(cold)}   (budget < 500 ms)`,
    `  the same with the key cache warm (a second report)     ${fmt(warm)}`,
    `  parse 100,000 Set-Cookie headers                        ${fmt(parseMs)}   (${Math.round(100_000 / (parseMs / 1000)).toLocaleString('en')} headers/s)`,
  ];
}
