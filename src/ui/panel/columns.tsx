import type { ComponentChildren } from 'preact';
import type { AnalyzedCookie } from '../../core/analyzed';
import { sameSiteLabel } from '../../core/cookie';
import { type Finding, severityRank } from '../../core/rule';
import { BeforeConsentBadge, ContainerBadge, SeverityTag, TypeBadges } from '../badges';
import { formatExpires, formatPartition } from '../format';

export interface Column {
  id: string;
  label: string;
  width: number;
  align?: 'right' | 'center';
  sortValue(c: AnalyzedCookie, worst: Finding | undefined, policy: boolean | undefined): string | number;
  render(c: AnalyzedCookie, worst: Finding | undefined, policy: boolean | undefined): ComponentChildren;
}

/** Shown when a policy is active: did the cookie meet every requirement that applies to it? */
export const POLICY_COLUMN: Column = {
  id: 'policy',
  label: 'Policy',
  width: 64,
  align: 'center',
  sortValue: (_c, _w, p) => (p === undefined ? 1 : p ? 2 : 0),
  render: (_c, _w, p) => (p === undefined ? '' : <span class={`policy-${p ? 'pass' : 'fail'}`}>{p ? 'pass' : 'fail'}</span>),
};

const flag = (on: boolean) => (on ? '✓' : '');

export const COLUMNS: readonly Column[] = [
  {
    id: 'name',
    label: 'Name',
    width: 160,
    sortValue: (c) => c.name.toLowerCase(),
    // The Firefox container right by the name, where it stays visible however narrow the grid is.
    render: (c) =>
      c.container || c.beforeConsent ? (
        <>
          {c.name} {c.container && <ContainerBadge container={c.container} />}
          {c.beforeConsent && <BeforeConsentBadge />}
        </>
      ) : (
        c.name
      ),
  },
  {
    id: 'issue',
    label: 'Worst issue',
    width: 260,
    sortValue: (_c, w) => (w ? severityRank(w.severity) : 0),
    render: (_c, w) =>
      w ? (
        <span class="issue" data-rule={w.rule}>
          <SeverityTag severity={w.severity} /> {w.message}
        </span>
      ) : null,
  },
  {
    id: 'purpose',
    label: 'Purpose',
    width: 130,
    sortValue: (c) => `${c.purpose} ${c.platform ?? ''}`,
    render: (c) => (
      <span class={`purpose purpose-${c.purpose}`} title={c.description}>
        {c.purpose}
        {c.platform ? <span class="muted"> · {c.platform}</span> : null}
      </span>
    ),
  },
  { id: 'value', label: 'Value', width: 220, sortValue: (c) => c.value, render: (c) => c.value },
  { id: 'domain', label: 'Domain', width: 150, sortValue: (c) => c.domain, render: (c) => c.domain },
  { id: 'path', label: 'Path', width: 60, sortValue: (c) => c.path, render: (c) => c.path },
  { id: 'expires', label: 'Expires', width: 130, sortValue: (c) => c.expirationDate ?? Number.POSITIVE_INFINITY, render: (c) => formatExpires(c) },
  { id: 'size', label: 'Size', width: 50, align: 'right', sortValue: (c) => c.size, render: (c) => c.size },
  { id: 'httpOnly', label: 'HttpOnly', width: 64, align: 'center', sortValue: (c) => Number(c.httpOnly), render: (c) => flag(c.httpOnly) },
  { id: 'secure', label: 'Secure', width: 56, align: 'center', sortValue: (c) => Number(c.secure), render: (c) => flag(c.secure) },
  { id: 'sameSite', label: 'SameSite', width: 70, sortValue: (c) => c.sameSite, render: (c) => sameSiteLabel(c.sameSite) },
  { id: 'partition', label: 'Partition', width: 130, sortValue: (c) => formatPartition(c), render: (c) => formatPartition(c) },
  { id: 'type', label: 'Type', width: 230, sortValue: (c) => `${c.type}${c.secure ? 's' : ''}`, render: (c) => <TypeBadges cookie={c} container={false} /> },
  { id: 'role', label: 'Role', width: 80, sortValue: (c) => c.role, render: (c) => c.role },
];
