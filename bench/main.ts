// `npm run bench`: prints the figures the issues ask for. Built by `vite build --mode bench`, run with node.
import { fileURLToPath } from 'node:url';
import { benchEngine } from './engine';
import { benchPageLoad, reportPageLoad } from './page-load';

const extensionDir = fileURLToPath(new URL('../chrome', import.meta.url));

console.log('Cookie Lens benchmarks');
console.log((await benchEngine()).join('\n'));
console.log(reportPageLoad(await benchPageLoad(extensionDir)));
