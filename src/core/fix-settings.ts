// Fixes that name the setting of the cookie at hand. A rule about one attribute (Secure, HttpOnly, SameSite,
// lifetime, Domain) says which (`setting`); for a cookie a framework sets, its tab names that framework's
// own setting for that cookie — Flask-Login's remember_token is REMEMBER_COOKIE_SECURE, not
// SESSION_COOKIE_SECURE; Django's csrftoken is CSRF_COOKIE_*; Django's messages cookie takes the
// SESSION_COOKIE_* flags — and every other tab sets the cookie by its own name. From each framework's
// documentation of its settings (Flask config, Flask-Login config, Django settings, express-session,
// cookie-session, PHP session.cookie_*, Rails session_store, Devise rememberable, Laravel config/session.php).
import type { CookieSetting, FixSnippets } from './rule';

export type FixFramework = keyof FixSnippets;
export type { CookieSetting };

/** The fix tab of a framework Cookie Lens names ("Flask-Login" → flask, "Devise (Rails)" → rails). */
export function fixFrameworkOf(framework: string | undefined): FixFramework | undefined {
  if (!framework) return undefined;
  const f = framework.toLowerCase();
  if (f.startsWith('flask')) return 'flask';
  if (f.startsWith('django')) return 'django';
  if (f.startsWith('express') || f === 'cookie-session' || f.startsWith('koa')) return 'express';
  if (f === 'php' || f.startsWith('laravel') || f === 'symfony' || f === 'wordpress' || f === 'drupal') return 'php';
  if (f.includes('rails') || f === 'rack') return 'rails';
  return undefined;
}

type Lines = Partial<Record<CookieSetting, string>>;

/** Settings of the cookies frameworks set themselves, by framework name (as classification gives it) and cookie name. */
const KNOWN: { framework: FixFramework; cookie: RegExp; lines: Lines }[] = [
  {
    framework: 'flask',
    cookie: /^remember_token$/,
    lines: {
      secure: "app.config['REMEMBER_COOKIE_SECURE'] = True  # Flask-Login's remember-me cookie",
      httpOnly: "app.config['REMEMBER_COOKIE_HTTPONLY'] = True  # Flask-Login's default",
      sameSite: "app.config['REMEMBER_COOKIE_SAMESITE'] = 'Lax'",
      sameSiteNone: "app.config.update(REMEMBER_COOKIE_SAMESITE='None', REMEMBER_COOKIE_SECURE=True)",
      lifetime: "app.config['REMEMBER_COOKIE_DURATION'] = timedelta(days=14)",
      domain: "app.config['REMEMBER_COOKIE_DOMAIN'] = None  # host-only",
    },
  },
  {
    framework: 'flask',
    cookie: /^session$/,
    lines: {
      secure: "app.config['SESSION_COOKIE_SECURE'] = True",
      httpOnly: "app.config['SESSION_COOKIE_HTTPONLY'] = True  # Flask's default",
      sameSite: "app.config['SESSION_COOKIE_SAMESITE'] = 'Lax'",
      sameSiteNone: "app.config.update(SESSION_COOKIE_SAMESITE='None', SESSION_COOKIE_SECURE=True)",
      lifetime: "session.permanent = False  # ends with the browser, or:\napp.config['PERMANENT_SESSION_LIFETIME'] = timedelta(hours=8)",
      domain: "app.config['SESSION_COOKIE_DOMAIN'] = None  # host-only",
    },
  },
  {
    framework: 'django',
    cookie: /^csrftoken$/,
    lines: {
      secure: 'CSRF_COOKIE_SECURE = True',
      httpOnly: 'CSRF_COOKIE_HTTPONLY = True  # only if no script reads the token',
      sameSite: "CSRF_COOKIE_SAMESITE = 'Lax'  # Django's default",
      sameSiteNone: "CSRF_COOKIE_SAMESITE = 'None'\nCSRF_COOKIE_SECURE = True",
      lifetime: 'CSRF_COOKIE_AGE = 60 * 60 * 24 * 30',
      domain: 'CSRF_COOKIE_DOMAIN = None  # host-only',
    },
  },
  {
    framework: 'django',
    cookie: /^messages$/,
    lines: {
      secure: "SESSION_COOKIE_SECURE = True  # Django's messages cookie takes the session cookie's flags",
      httpOnly: 'SESSION_COOKIE_HTTPONLY = True  # also covers the messages cookie',
      sameSite: "SESSION_COOKIE_SAMESITE = 'Lax'  # also covers the messages cookie",
      sameSiteNone: "SESSION_COOKIE_SAMESITE = 'None'\nSESSION_COOKIE_SECURE = True  # also the messages cookie",
      domain: 'SESSION_COOKIE_DOMAIN = None  # also the messages cookie',
    },
  },
  {
    framework: 'django',
    cookie: /^django_language$/,
    lines: {
      secure: 'LANGUAGE_COOKIE_SECURE = True',
      httpOnly: 'LANGUAGE_COOKIE_HTTPONLY = True',
      sameSite: "LANGUAGE_COOKIE_SAMESITE = 'Lax'",
      sameSiteNone: "LANGUAGE_COOKIE_SAMESITE = 'None'\nLANGUAGE_COOKIE_SECURE = True",
      lifetime: 'LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 180',
      domain: 'LANGUAGE_COOKIE_DOMAIN = None',
    },
  },
  {
    framework: 'django',
    cookie: /^sessionid$/,
    lines: {
      secure: 'SESSION_COOKIE_SECURE = True',
      httpOnly: "SESSION_COOKIE_HTTPONLY = True  # Django's default",
      sameSite: "SESSION_COOKIE_SAMESITE = 'Lax'  # Django's default",
      sameSiteNone: "SESSION_COOKIE_SAMESITE = 'None'\nSESSION_COOKIE_SECURE = True",
      lifetime: 'SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # or\nSESSION_COOKIE_AGE = 60 * 60 * 8',
      domain: 'SESSION_COOKIE_DOMAIN = None  # host-only',
    },
  },
  {
    framework: 'express',
    cookie: /^connect\.sid$/,
    lines: {
      secure: "app.set('trust proxy', 1)  // behind a TLS proxy\napp.use(session({ secret, cookie: { secure: true } }))",
      httpOnly: 'app.use(session({ secret, cookie: { httpOnly: true } }))  // express-session’s default',
      sameSite: "app.use(session({ secret, cookie: { sameSite: 'lax' } }))",
      sameSiteNone: "app.use(session({ secret, cookie: { sameSite: 'none', secure: true } }))",
      lifetime: 'app.use(session({ secret, cookie: { maxAge: 8 * 60 * 60 * 1000 } }))  // or no maxAge: ends with the browser',
      domain: 'app.use(session({ secret, cookie: { domain: undefined } }))  // host-only',
    },
  },
  {
    framework: 'express',
    cookie: /^(?:express|koa)[.:]sess(?:\.sig)?$/,
    lines: {
      secure: 'app.use(cookieSession({ name, keys, secure: true }))',
      httpOnly: 'app.use(cookieSession({ name, keys, httpOnly: true }))  // cookie-session’s default',
      sameSite: "app.use(cookieSession({ name, keys, sameSite: 'lax' }))",
      sameSiteNone: "app.use(cookieSession({ name, keys, sameSite: 'none', secure: true }))",
      lifetime: 'app.use(cookieSession({ name, keys, maxAge: 8 * 60 * 60 * 1000 }))',
      domain: 'app.use(cookieSession({ name, keys, domain: undefined }))',
    },
  },
  {
    framework: 'php',
    cookie: /^PHPSESSID$/i,
    lines: {
      secure: "session_set_cookie_params(['secure' => true]);  // or session.cookie_secure = 1 in php.ini",
      httpOnly: "session_set_cookie_params(['httponly' => true]);  // or session.cookie_httponly = 1",
      sameSite: "session_set_cookie_params(['samesite' => 'Lax']);  // or session.cookie_samesite = Lax",
      sameSiteNone: "session_set_cookie_params(['samesite' => 'None', 'secure' => true]);",
      lifetime: "session_set_cookie_params(['lifetime' => 0]);  // session.cookie_lifetime = 0",
      domain: "session_set_cookie_params(['domain' => '']);  // host-only",
    },
  },
  {
    framework: 'php',
    cookie: /^(?:laravel_session|XSRF-TOKEN)$/,
    lines: {
      secure: "// config/session.php\n'secure' => env('SESSION_SECURE_COOKIE', true),",
      httpOnly: "// config/session.php\n'http_only' => true,",
      sameSite: "// config/session.php\n'same_site' => 'lax',",
      sameSiteNone: "// config/session.php\n'same_site' => 'none', 'secure' => true,",
      lifetime: "// config/session.php\n'lifetime' => 120, 'expire_on_close' => true,",
      domain: "// config/session.php\n'domain' => null,",
    },
  },
  {
    framework: 'rails',
    cookie: /^remember_user_token$/,
    lines: {
      secure: '# config/initializers/devise.rb\nconfig.rememberable_options = { secure: true }',
      httpOnly: '# config/initializers/devise.rb\nconfig.rememberable_options = { httponly: true }',
      sameSite: '# config/initializers/devise.rb\nconfig.rememberable_options = { same_site: :lax }',
      sameSiteNone: '# config/initializers/devise.rb\nconfig.rememberable_options = { same_site: :none, secure: true }',
      lifetime: '# config/initializers/devise.rb\nconfig.remember_for = 2.weeks',
    },
  },
  {
    framework: 'rails',
    cookie: /^_[A-Za-z0-9-]+_session$/,
    lines: {
      secure: 'Rails.application.config.session_store :cookie_store, key: NAME, secure: true  # or config.force_ssl = true',
      httpOnly: 'Rails.application.config.session_store :cookie_store, key: NAME, httponly: true',
      sameSite: 'Rails.application.config.session_store :cookie_store, key: NAME, same_site: :lax',
      sameSiteNone: 'Rails.application.config.session_store :cookie_store, key: NAME, same_site: :none, secure: true',
      lifetime: 'Rails.application.config.session_store :cookie_store, key: NAME, expire_after: 8.hours',
      domain: 'Rails.application.config.session_store :cookie_store, key: NAME  # no domain: option',
    },
  },
];

/** A name as a string literal in any of the snippet languages. */
const lit = (name: string) => `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Setting the cookie by its own name, with the one attribute the rule is about. */
const GENERIC: Record<FixFramework, (n: string) => Lines> = {
  flask: (n) => ({
    secure: `resp.set_cookie(${n}, value, secure=True)`,
    httpOnly: `resp.set_cookie(${n}, value, httponly=True)`,
    sameSite: `resp.set_cookie(${n}, value, samesite='Lax')`,
    sameSiteNone: `resp.set_cookie(${n}, value, samesite='None', secure=True)`,
    lifetime: `resp.set_cookie(${n}, value, max_age=60 * 60 * 24 * 180)`,
    domain: `resp.set_cookie(${n}, value)  # no domain=: host-only`,
  }),
  django: (n) => ({
    secure: `response.set_cookie(${n}, value, secure=True)`,
    httpOnly: `response.set_cookie(${n}, value, httponly=True)`,
    sameSite: `response.set_cookie(${n}, value, samesite='Lax')`,
    sameSiteNone: `response.set_cookie(${n}, value, samesite='None', secure=True)`,
    lifetime: `response.set_cookie(${n}, value, max_age=60 * 60 * 24 * 180)`,
    domain: `response.set_cookie(${n}, value)  # no domain=: host-only`,
  }),
  express: (n) => ({
    secure: `res.cookie(${n}, value, { secure: true })`,
    httpOnly: `res.cookie(${n}, value, { httpOnly: true })`,
    sameSite: `res.cookie(${n}, value, { sameSite: 'lax' })`,
    sameSiteNone: `res.cookie(${n}, value, { sameSite: 'none', secure: true })`,
    lifetime: `res.cookie(${n}, value, { maxAge: 1000 * 60 * 60 * 24 * 180 })`,
    domain: `res.cookie(${n}, value)  // no domain: host-only`,
  }),
  php: (n) => ({
    secure: `setcookie(${n}, $value, ['secure' => true]);`,
    httpOnly: `setcookie(${n}, $value, ['httponly' => true]);`,
    sameSite: `setcookie(${n}, $value, ['samesite' => 'Lax']);`,
    sameSiteNone: `setcookie(${n}, $value, ['samesite' => 'None', 'secure' => true]);`,
    lifetime: `setcookie(${n}, $value, ['expires' => time() + 60 * 60 * 24 * 180]);`,
    domain: `setcookie(${n}, $value, ['domain' => '']);  // host-only`,
  }),
  rails: (n) => ({
    secure: `cookies[${n}] = { value: v, secure: true }`,
    httpOnly: `cookies[${n}] = { value: v, httponly: true }`,
    sameSite: `cookies[${n}] = { value: v, same_site: :lax }`,
    sameSiteNone: `cookies[${n}] = { value: v, same_site: :none, secure: true }`,
    lifetime: `cookies[${n}] = { value: v, expires: 180.days }`,
    domain: `cookies[${n}] = { value: v }  # no domain: host-only`,
  }),
};

/** The snippets of a rule for this cookie: its framework's own setting where known, else set by its own name. */
export function snippetsFor(rule: { setting?: CookieSetting; snippets: FixSnippets }, cookie: { name: string; framework?: string } | undefined): FixSnippets {
  if (!rule.setting || !cookie) return rule.snippets;
  const setting = rule.setting;
  const own = fixFrameworkOf(cookie.framework);
  const known = own && KNOWN.find((k) => k.framework === own && k.cookie.test(cookie.name));
  const out = { ...rule.snippets };
  for (const fw of Object.keys(GENERIC) as FixFramework[]) {
    const line = fw === own && known?.lines[setting] ? known.lines[setting]?.replace(/\bNAME\b/g, lit(cookie.name)) : GENERIC[fw](lit(cookie.name))[setting];
    if (line) out[fw] = line;
  }
  return out;
}
