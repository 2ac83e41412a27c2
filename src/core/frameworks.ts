// Framework and platform knowledge: the cookies frameworks set by default, by name and by the format of
// their values, from each framework's own source or documentation. A distinctive name (PHPSESSID,
// laravel_session) is evidence by itself; a generic one (session, sessionid, frontend, SESSION) counts only
// with the value format that framework writes. This is what makes a cookie a credential — never a
// substring of its name.
import type { Role } from './role';

export interface FrameworkCookie {
  /** The whole name (case-insensitive unless `exactCase`). */
  name: RegExp;
  framework: string;
  role: Exclude<Role, 'tracking' | 'unknown'>;
  /** Required value format, when the name alone is not distinctive. */
  value?: RegExp;
  /** What the cookie is, in one sentence. */
  description: string;
  /** A naming pattern others use too (Rails' _<app>_session): the cookie database, when it knows the name, wins. */
  pattern?: true;
}

// Opaque session ids as frameworks write them.
const ID = /^[A-Za-z0-9_-]{16,256}$/;

export const FRAMEWORK_COOKIES: readonly FrameworkCookie[] = [
  {
    name: /^PHPSESSID$/i,
    framework: 'PHP',
    role: 'session',
    value: /^[A-Za-z0-9,-]{1,256}$/,
    description: 'PHP’s native session id; the session data lives on the server.',
  },
  {
    name: /^JSESSIONID$/i,
    framework: 'Java',
    role: 'session',
    value: /^[A-Za-z0-9_+/.=!:-]{1,300}$/,
    description: 'The Java servlet session id (Tomcat, Jetty, WebLogic…); the data lives on the server.',
  },
  { name: /^ASP\.NET_SessionId$/i, framework: 'ASP.NET', role: 'session', description: 'ASP.NET session state id; the data lives on the server.' },
  { name: /^ASPSESSIONID[A-Z]{8}$/i, framework: 'Classic ASP', role: 'session', description: 'Classic ASP (IIS) session id.' },
  {
    name: /^\.AspNetCore\.Session$/i,
    framework: 'ASP.NET Core',
    role: 'session',
    description: 'ASP.NET Core session key (encrypted); the data lives on the server.',
  },
  {
    name: /^\.AspNetCore\.(?:Cookies|Identity\.Application)$/i,
    framework: 'ASP.NET Core',
    role: 'auth',
    description: 'ASP.NET Core authentication ticket (encrypted with Data Protection).',
  },
  { name: /^\.ASPXAUTH$/i, framework: 'ASP.NET', role: 'auth', description: 'ASP.NET forms authentication ticket.' },
  { name: /^__RequestVerificationToken\w*$|^\.AspNetCore\.Antiforgery\.\w+$/i, framework: 'ASP.NET', role: 'csrf', description: 'ASP.NET anti-forgery token.' },
  { name: /^connect\.sid$/i, framework: 'Express', role: 'session', description: 'express-session’s signed session id; the data lives on the server.' },
  {
    name: /^(?:express|koa)[.:]sess$/i,
    framework: 'Express',
    role: 'session',
    description: 'cookie-session / koa-session: the whole session, base64 JSON, in the cookie.',
  },
  {
    name: /^sessionid$/,
    framework: 'Django',
    role: 'session',
    value: /^[a-z0-9]{32}$/,
    description: 'Django’s session key (database backend); the data lives on the server.',
  },
  {
    name: /^csrftoken$/,
    framework: 'Django',
    role: 'csrf',
    value: /^[A-Za-z0-9]{32}$|^[A-Za-z0-9]{64}$/,
    description: 'Django’s CSRF token (read by forms and scripts, so not HttpOnly).',
  },
  {
    name: /^messages$/,
    framework: 'Django',
    role: 'preference',
    value: /:[A-Za-z0-9_-]{27,43}$/,
    description: 'Django’s signed flash-message store: messages for the next page, not a login.',
  },
  { name: /^django_language$/, framework: 'Django', role: 'preference', description: 'Django’s language choice.' },
  {
    name: /^remember_token$/,
    framework: 'Flask-Login',
    role: 'auth',
    value: /^[^|]+\|[0-9a-f]{128}$/,
    description: 'Flask-Login’s remember-me token: logs the user in again after the session ends.',
  },
  {
    name: /^_[A-Za-z0-9-]+_session$/,
    framework: 'Rails',
    role: 'session',
    pattern: true,
    description: 'The Rails session cookie (cookie store, encrypted, or a server-side store key).',
  },
  { name: /^remember_user_token$/, framework: 'Devise (Rails)', role: 'auth', description: 'Devise’s remember-me token.' },
  { name: /^laravel_session$/i, framework: 'Laravel', role: 'session', description: 'Laravel’s session id (encrypted); the data lives on the server.' },
  { name: /^remember_web_[0-9a-f]{40}$/i, framework: 'Laravel', role: 'auth', description: 'Laravel’s remember-me cookie.' },
  { name: /^XSRF-TOKEN$/, framework: 'Laravel / Angular', role: 'csrf', description: 'A CSRF token that the page’s scripts copy into a request header.' },
  { name: /^REMEMBERME$/, framework: 'Symfony', role: 'auth', description: 'Symfony’s remember-me cookie.' },
  {
    name: /^SESSION$/,
    framework: 'Spring Session',
    role: 'session',
    value: /^[A-Za-z0-9+/]{40,}={0,2}$/,
    description: 'Spring Session’s id (base64 of a UUID); the data lives on the server.',
  },
  { name: /^remember-me$/, framework: 'Spring Security', role: 'auth', description: 'Spring Security’s remember-me token.' },
  { name: /^S?SESS[0-9a-f]{32}$/, framework: 'Drupal', role: 'session', description: 'Drupal’s session cookie (SSESS… over HTTPS).' },
  { name: /^wordpress_logged_in_[0-9a-f]{32}$/, framework: 'WordPress', role: 'auth', description: 'WordPress’s logged-in cookie: who is logged in.' },
  { name: /^wordpress_(?:sec_)?[0-9a-f]{32}$/, framework: 'WordPress', role: 'auth', description: 'WordPress’s authentication cookie for the admin area.' },
  {
    name: /^[0-9a-f]{32}$/,
    framework: 'Joomla',
    role: 'session',
    pattern: true,
    value: /^[a-z0-9]{26,40}$/,
    description: 'Joomla’s session cookie (named after an md5 hash of the site).',
  },
  { name: /^joomla_remember_me_[0-9a-f]{32}$/, framework: 'Joomla', role: 'auth', description: 'Joomla’s remember-me cookie.' },
  { name: /^frontend$/, framework: 'Magento', role: 'session', value: /^[A-Za-z0-9,-]{20,64}$/, description: 'Magento’s storefront session id.' },
  { name: /^adminhtml$/, framework: 'Magento', role: 'session', value: /^[A-Za-z0-9,-]{20,64}$/, description: 'Magento’s admin session id.' },
  { name: /^form_key$/, framework: 'Magento', role: 'csrf', description: 'Magento’s form key (CSRF protection).' },
  { name: /^PrestaShop-[0-9a-f]{32}$/, framework: 'PrestaShop', role: 'session', description: 'PrestaShop’s customer session (encrypted cookie).' },
  { name: /^CAKEPHP$/, framework: 'CakePHP', role: 'session', description: 'CakePHP’s session id.' },
  { name: /^fe_typo_user$/, framework: 'TYPO3', role: 'session', description: 'TYPO3 frontend user session.' },
  { name: /^be_typo_user$/, framework: 'TYPO3', role: 'session', description: 'TYPO3 backend (editor) session.' },
  { name: /^ci_session$/i, framework: 'CodeIgniter', role: 'session', description: 'CodeIgniter’s session id.' },
  {
    name: /^KEYCLOAK_IDENTITY(?:_LEGACY)?$/,
    framework: 'Keycloak',
    role: 'auth',
    description: 'Keycloak’s identity token (a signed JWT of the logged-in user).',
  },
  { name: /^(?:KEYCLOAK_SESSION|AUTH_SESSION_ID)(?:_LEGACY)?$/, framework: 'Keycloak', role: 'session', description: 'Keycloak’s single sign-on session.' },
  { name: /^_secure_session_id$/, framework: 'Shopify', role: 'session', description: 'Shopify’s storefront session.' },
  { name: /^Secure_customer_sig$/, framework: 'Shopify', role: 'auth', description: 'Shopify’s customer login signature.' },
  { name: /^xf_session$/, framework: 'XenForo', role: 'session', description: 'XenForo’s session id.' },
  { name: /^xf_user$/, framework: 'XenForo', role: 'auth', description: 'XenForo’s remember-me token.' },
  { name: /^xf_csrf$/, framework: 'XenForo', role: 'csrf', description: 'XenForo’s CSRF token.' },
  { name: /^phpbb\d?_[A-Za-z0-9]+_sid$/, framework: 'phpBB', role: 'session', description: 'phpBB’s session id.' },
  { name: /^phpbb\d?_[A-Za-z0-9]+_k$/, framework: 'phpBB', role: 'auth', description: 'phpBB’s auto-login key.' },
  { name: /^CFID$|^CFTOKEN$/i, framework: 'ColdFusion', role: 'session', description: 'ColdFusion client/session id.' },
  { name: /^PLAY_SESSION$/, framework: 'Play', role: 'session', description: 'Play Framework’s signed session cookie.' },
  {
    name: /^(?:__Secure-)?(?:next-auth|authjs)\.session-token(?:\.\d+)?$/,
    framework: 'NextAuth.js',
    role: 'auth',
    description: 'NextAuth.js / Auth.js session token.',
  },
  { name: /^(?:__Host-)?(?:next-auth|authjs)\.csrf-token$/, framework: 'NextAuth.js', role: 'csrf', description: 'NextAuth.js / Auth.js CSRF token.' },
  { name: /^appSession(?:\.\d+)?$/, framework: 'Auth0 (express-openid-connect)', role: 'auth', description: 'Auth0’s encrypted session cookie.' },
  { name: /^rack\.session$/, framework: 'Rack', role: 'session', description: 'Rack’s session cookie (Sinatra and other Ruby apps).' },
  { name: /^MYSAPSSO2$/, framework: 'SAP', role: 'auth', description: 'SAP logon ticket (single sign-on).' },
  { name: /^SAP_SESSIONID_\w+$/, framework: 'SAP', role: 'session', description: 'SAP NetWeaver security session.' },
  {
    name: /^session$/,
    framework: 'Flask',
    role: 'session',
    value: /^\.?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{2,8}\.[A-Za-z0-9_-]{27}$/,
    description: 'Flask’s session: the whole session, signed, in the cookie.',
  },
];

/** WebLogic writes session ids as id!jvmid(!jvmid): a session id whatever the cookie is called (JSIDVZW…). */
const WEBLOGIC_ID = /^[A-Za-z0-9_-]{20,}!-?\d{6,}(?:![\w.-]+){0,5}$/;

export interface FrameworkMatch extends Pick<FrameworkCookie, 'framework' | 'role' | 'description' | 'pattern'> {
  evidence: string;
}

/** The framework cookie this is, by its name (and value, where the name is generic). */
export function frameworkCookie(name: string, value: string): FrameworkMatch | undefined {
  for (const f of FRAMEWORK_COOKIES) {
    if (!f.name.test(name) || (f.value && !f.value.test(value))) continue;
    return {
      framework: f.framework,
      role: f.role,
      description: f.description,
      ...(f.pattern ? { pattern: true as const } : {}),
      evidence: f.value ? `${f.framework}’s ${name} cookie, with the value format ${f.framework} writes` : `${f.framework}’s ${name} cookie`,
    };
  }
  if (WEBLOGIC_ID.test(value)) {
    return {
      framework: 'Oracle WebLogic',
      role: 'session',
      description: 'A WebLogic session id (id!jvmid), under a site-chosen cookie name.',
      evidence: 'a WebLogic session id (id!jvmid) in the value',
    };
  }
  return undefined;
}

export { ID as OPAQUE_ID };
