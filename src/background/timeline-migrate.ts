// The timeline as Cookie Lens 0.1 stored it (meta version 1: chunks `timeline.chunk.N` rewritten as they
// grew, and a full snapshot of the store) becomes version 2 the first time the new worker loads it.
import { decodeCookie, type EncodedCookie, type EncodedEntry } from '../core/timeline-codec';
import { StoreDigest } from '../core/timeline-digest';
import { chunkKey, DIGEST_KEY, itemBytes, META_KEY, pack, type StorageArea } from './storage-budget';

interface MetaV1 {
  version: 1;
  nextSeq: number;
  dropped: number;
  chunks: { index: number; count: number; bytes: number }[];
}

const OLD_SNAPSHOT = 'timeline.snapshot';

export async function migrateV1(area: StorageArea, old: MetaV1) {
  const oldKeys = old.chunks.map((c) => `timeline.chunk.${c.index}`);
  const got = oldKeys.length ? await area.get(oldKeys) : {};
  const items: Record<string, unknown> = {};
  const chunks: [number, number, number, number][] = [];
  let dropped = old.dropped;
  for (const [i, key] of oldKeys.entries()) {
    const entries = got[key] as EncodedEntry[] | undefined;
    if (!entries?.length) {
      dropped += old.chunks[i].count;
      continue;
    }
    const newKey = chunkKey(entries[0][0]);
    items[newKey] = pack(entries);
    chunks.push([entries[0][0], entries.length, itemBytes(newKey, items[newKey]), entries[0][1]]);
  }
  const snapshot = (await area.get(OLD_SNAPSHOT))[OLD_SNAPSHOT] as { seq: number; cookies: EncodedCookie[] } | undefined;
  if (snapshot) items[DIGEST_KEY] = pack(StoreDigest.of(snapshot.cookies.map(decodeCookie)).toStored(snapshot.seq));
  const meta = { version: 2 as const, nextSeq: old.nextSeq, dropped, lost: 0, chunks };
  items[META_KEY] = pack(meta);
  await area.set(items);
  await area.remove([...oldKeys, OLD_SNAPSHOT]);
  return meta;
}
