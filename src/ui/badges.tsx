import type { AnalyzedCookie } from '../core/analyzed';
import type { Severity } from '../core/rule';

/** `container: false` where the container and the before-consent mark are already beside the name (the panel's grid). */
export function TypeBadges({ cookie, container = true }: { cookie: AnalyzedCookie; container?: boolean }) {
  return (
    <span class="badges">
      <span class={`badge badge-${cookie.type}`}>{cookie.type === 'session' ? 'Session' : 'Persistent'}</span>
      {cookie.secure && <span class="badge badge-secure">Secure</span>}
      {cookie.httpOnly && <span class="badge badge-httponly">HttpOnly</span>}
      {cookie.partitioned && <span class="badge badge-partitioned">Partitioned</span>}
      {cookie.thirdParty && <span class="badge badge-third-party">Third-party</span>}
      {cookie.beforeConsent && (
        <span
          class="badge badge-before-consent"
          title="An analytics or advertising cookie set before the consent banner was answered: the site's consent cookie came after it"
        >
          Before consent
        </span>
      )}
      {container && cookie.container && <ContainerBadge container={cookie.container} />}
    </span>
  );
}

/** A Firefox container, in its own colour (only a plain hex colour is used as a style). */
export function ContainerBadge({ container }: { container: { name: string; colorCode?: string } }) {
  const color = container.colorCode && /^#[0-9a-f]{3,8}$/i.test(container.colorCode) ? container.colorCode : undefined;
  return (
    <span class="badge badge-container" style={color ? { borderColor: color, color } : undefined} title={`Container: ${container.name}`}>
      {container.name}
    </span>
  );
}

const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

export function SeverityTag({ severity }: { severity: Severity }) {
  return <span class={`severity severity-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}

/** An analytics or advertising cookie the timeline saw set before the site's consent cookie. */
export function BeforeConsentBadge() {
  return (
    <span
      class="badge badge-before-consent"
      title="An analytics or advertising cookie set before the consent banner was answered: the site's consent cookie came after it"
    >
      Before consent
    </span>
  );
}
