// The Profiles view: test users of the inspected site — save the current cookies and localStorage under a name,
// switch to another in one click (the page reloads as that user), see which is active, share one as a file
// encrypted with a passphrase, import one.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../core/browser-errors';
import { MIN_PASSPHRASE } from '../../core/profile';
import { request } from '../../messages';
import type { ProfileSummary } from '../../protocol';
import { localDateTime, plural } from '../format';
import { downloadText } from './clipboard';
import { FileButton } from './file-button';
import type { PanelContext } from './panel-context';

/** A passphrase asked inline: to export (typed twice) or to open an imported file. */
type Asking = { kind: 'export'; name: string } | { kind: 'import'; file: string; text: string };

export function ProfilesView({ ctx }: { ctx: PanelContext }) {
  const site = ctx.page?.site ?? '';
  const [list, setList] = useState<{ profiles: ProfileSummary[]; active?: string }>();
  const [name, setName] = useState('');
  const [asking, setAskingNow] = useState<Asking | null>(null);
  const [pass, setPass] = useState(['', '']);
  // Every new question starts with empty passphrase fields: a refused one is never reused by accident.
  const setAsking = (next: Asking | null) => {
    setAskingNow(next);
    setPass(['', '']);
  };
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const refresh = async () => {
    if (site) setList(await request('listProfiles', { site }));
  };
  useEffect(() => void refresh(), [site]);

  const run = async (what: () => Promise<string | undefined>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const message = await what();
      if (message) ctx.say(message);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
      await refresh();
      ctx.reload();
    }
  };

  const save = () =>
    run(async () => {
      const saved = await request('saveProfile', { tabId: ctx.api.tabId, name });
      setName('');
      return `Saved profile "${saved.name}": ${plural(saved.cookies, 'cookie')} and ${plural(saved.items, 'localStorage item')}.`;
    });
  const switchTo = (p: ProfileSummary) =>
    run(async () => {
      const r = await request('switchProfile', { tabId: ctx.api.tabId, name: p.name });
      const parts = [
        `Switched to "${r.name}": removed ${plural(r.removed, 'cookie')}, wrote ${plural(r.written, 'cookie')} and ${plural(r.items, 'localStorage item')}; the page reloads.`,
      ];
      if (r.expired)
        parts.push(
          `${plural(r.expired, 'saved cookie')} had expired and ${r.expired === 1 ? 'was' : 'were'} not written: save the profile again after logging in.`,
        );
      if (r.errors.length) parts.push(`Not written: ${r.errors.join('; ')}.`);
      return parts.join(' ');
    });
  const remove = (p: ProfileSummary) =>
    run(async () => {
      await request('deleteProfile', { site, name: p.name });
      return `Deleted profile "${p.name}".`;
    });
  const submitPassphrase = () => {
    const ask = asking;
    if (!ask) return;
    if (ask.kind === 'export' && pass[0] !== pass[1]) {
      setProblem('The two passphrases differ.');
      return;
    }
    void run(async () => {
      if (ask.kind === 'export') {
        const { text } = await request('exportProfile', { site, name: ask.name, passphrase: pass[0] });
        downloadText(text, `${ask.name.replace(/[^\w.-]+/g, '_')}.cookie-lens-profile.json`, 'application/json');
        setAsking(null);
        return `Exported "${ask.name}" encrypted: share the file and, separately, the passphrase.`;
      }
      const done = await request('importProfile', { text: ask.text, passphrase: pass[0] });
      setAsking(null);
      return `Imported profile "${done.name}" for ${done.site}${done.replaced ? ' (it replaced the one of that name)' : ''}.`;
    });
  };

  if (!site) return <p class="empty">Profiles are for http and https pages.</p>;
  return (
    <div class="profiles-view">
      <p class="muted">
        A profile is {site}'s cookies and localStorage saved under a name — a test user. Switching replaces the site's cookies and localStorage with the
        profile's and reloads the page. Profiles stay in this browser (the extension's own storage); to share one, export it encrypted.
      </p>
      <form
        class="profile-save"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input aria-label="Profile name" placeholder="Profile name, e.g. admin" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy || !name.trim()}>
          Save current as profile
        </button>
        <FileButton
          accept=".json,application/json"
          label="Import an encrypted profile"
          onFile={(file) => void file.text().then((text) => setAsking({ kind: 'import', file: file.name, text }))}
        >
          Import profile…
        </FileButton>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {asking && (
        <form
          class="profile-passphrase"
          onSubmit={(e) => {
            e.preventDefault();
            submitPassphrase();
          }}
        >
          <p>
            {asking.kind === 'export'
              ? `A passphrase for "${asking.name}" (at least ${MIN_PASSPHRASE} characters). Whoever has the file and the passphrase can log in as this user.`
              : `The passphrase of ${asking.file}.`}
          </p>
          <input type="password" aria-label="Passphrase" value={pass[0]} onInput={(e) => setPass([(e.target as HTMLInputElement).value, pass[1]])} />
          {asking.kind === 'export' && (
            <input type="password" aria-label="Passphrase again" value={pass[1]} onInput={(e) => setPass([pass[0], (e.target as HTMLInputElement).value])} />
          )}
          <button type="submit" class="primary" disabled={busy || !pass[0]}>
            {asking.kind === 'export' ? 'Export encrypted' : 'Import'}
          </button>
          <button type="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </form>
      )}
      {list && list.profiles.length === 0 && <p class="empty">No profiles for {site} yet: log in as a test user, then save it here.</p>}
      {list && list.profiles.length > 0 && (
        <table class="profiles-table">
          <thead>
            <tr>
              <th scope="col">Profile</th>
              <th scope="col">Saved</th>
              <th scope="col">Holds</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.profiles.map((p) => (
              <tr key={p.name} data-profile={p.name} class={list.active === p.name ? 'active' : ''}>
                <td>
                  {p.name} {list.active === p.name && <span class="badge badge-active">Active</span>}
                </td>
                <td>{localDateTime(p.savedAt)}</td>
                <td>
                  {plural(p.cookies, 'cookie')}, {plural(p.items, 'localStorage item')}
                </td>
                <td class="profile-actions">
                  <button type="button" data-action="switch" disabled={busy} onClick={() => void switchTo(p)}>
                    Switch
                  </button>
                  <button type="button" data-action="export" disabled={busy} onClick={() => setAsking({ kind: 'export', name: p.name })}>
                    Export…
                  </button>
                  <button type="button" data-action="delete" disabled={busy} onClick={() => void remove(p)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
