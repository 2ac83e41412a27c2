// Renders scripts/icon.svg to public/icons/icon-{16,32,48,128}.png with the real browser, so the icons
// are drawn by the same engine that shows them. Run by hand after changing the SVG; the PNGs are committed.
import { readFile, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';

const svg = await readFile(new URL('./icon.svg', import.meta.url), 'utf8');
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking'],
});
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`,
  );
  await page.waitForFunction(() => document.images[0].complete);
  const png = await page.screenshot({ omitBackground: true, type: 'png' });
  await writeFile(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png);
}
await browser.close();
