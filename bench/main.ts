// `npm run bench [-- engine|panel|popup|cost|audit]` (diagnostics: storm, heap, profile): prints the figures the issues ask for.
// Built by `vite build --mode bench` and run with node; the browser parts use the built extension.
import { fileURLToPath } from 'node:url';
import { benchAudit } from './audit';
import { benchCost } from './cost';
import { benchEngine } from './engine';
import { benchPanel } from './panel';
import { benchPopup } from './popup';
import { benchWorkerHeap } from './worker-heap';
import { benchWorkerProfile } from './worker-profile';

const extensionDir = fileURLToPath(new URL('../chrome', import.meta.url));
const only = new Set(process.argv.slice(2));
const want = (name: string) => only.size === 0 || only.has(name);
/** Diagnostics, run only when named. */
const asked = (name: string) => only.has(name);

console.log('Cookie Lens benchmarks');
if (want('engine')) console.log((await benchEngine()).join('\n'));
if (want('panel')) console.log((await benchPanel(extensionDir)).join('\n'));
if (want('popup')) console.log((await benchPopup(extensionDir)).join('\n'));
if (want('cost')) await benchCost(extensionDir, (lines) => console.log(lines.join('\n')));
if (want('audit')) console.log((await benchAudit()).join('\n'));
if (asked('storm')) await benchCost(extensionDir, (lines) => console.log(lines.join('\n')), 'storm');
if (asked('heap')) console.log((await benchWorkerHeap(extensionDir)).join('\n'));
if (asked('profile')) console.log((await benchWorkerProfile(extensionDir)).join('\n'));
