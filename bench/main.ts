// `npm run bench [-- engine|panel|page-load|audit]`: prints the figures the issues ask for.
// Built by `vite build --mode bench` and run with node; the browser parts use the built extension.
import { fileURLToPath } from 'node:url';
import { benchAudit } from './audit';
import { benchEngine } from './engine';
import { benchPageLoad, reportPageLoad } from './page-load';
import { benchPanel } from './panel';

const extensionDir = fileURLToPath(new URL('../chrome', import.meta.url));
const only = new Set(process.argv.slice(2));
const want = (name: string) => only.size === 0 || only.has(name);

console.log('Cookie Lens benchmarks');
if (want('engine')) console.log((await benchEngine()).join('\n'));
if (want('panel')) console.log((await benchPanel(extensionDir)).join('\n'));
if (want('page-load')) console.log(reportPageLoad(await benchPageLoad(extensionDir)));
if (want('audit')) console.log((await benchAudit()).join('\n'));
