// The devtools page only registers the panel; the panel itself is panel.html (kept separate, as
// preact-devtools does, so the page that runs for every DevTools window stays tiny).
// Paths are relative to the extension root: Chrome does not register a panel whose path starts with '/'.
import browser from 'webextension-polyfill';

void browser.devtools.panels.create('Cookie Lens', 'icons/icon-32.png', 'src/devtools/panel.html');
