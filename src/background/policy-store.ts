import browser from 'webextension-polyfill';
import { type Policy, validatePolicy } from '../core/policy';

const KEY = 'policy';

interface Stored {
  text: string;
}

let cached: { text?: string; policy?: Policy } | undefined;

/** The stored policy, parsed once per worker lifetime (and again after each change). */
export async function currentPolicy(): Promise<{ text?: string; policy?: Policy }> {
  if (cached) return cached;
  const stored = (await browser.storage.local.get(KEY))[KEY] as Stored | undefined;
  cached = { text: stored?.text, policy: stored?.text ? parsePolicy(stored.text) : undefined };
  return cached;
}

function parsePolicy(text: string): Policy | undefined {
  try {
    return validatePolicy(JSON.parse(text)).policy;
  } catch {
    return undefined;
  }
}

/** Stores a policy after checking it; returns the problems (and stores nothing) when it is not valid. */
export async function savePolicy(text: string): Promise<{ errors: string[]; policy?: Policy }> {
  if (text.trim() === '') {
    await browser.storage.local.remove(KEY);
    cached = {};
    return { errors: [] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { errors: [`Not valid JSON: ${(error as Error).message}`] };
  }
  const { policy, errors } = validatePolicy(data);
  if (!policy) return { errors };
  await browser.storage.local.set({ [KEY]: { text } satisfies Stored });
  cached = { text, policy };
  return { errors: [], policy };
}
