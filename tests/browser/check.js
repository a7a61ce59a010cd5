// The reports in a real browser. For each HTML file given, headless Chromium opens it at 1280 px
// wide, axe-core checks it against WCAG 2.1 A and AA, and every table is measured against the
// column that holds it; at 375 px (a phone) axe runs again and every chart's smallest label must
// be 9 px or more as drawn; then the page is laid out for print on A4, and nothing may reach past
// the printable width. Prints each serious or critical violation (with up to three places), each
// table wider than its column and each element clipped in print; exits 1 when there is any, 0
// when there is none.
//
// Usage: node tests/browser/check.js FILE.html...   (Chromium: $CHROMIUM, else /usr/bin/chromium)
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function main(files) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // As root in a sandboxed machine with no network: no sandbox, and no background requests.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let problems = 0;
  try {
    for (const file of files) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto('file://' + path.resolve(file));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        problems += v.nodes.length;
        console.log(`${file}: ${v.impact} ${v.id} at ${v.nodes.length} place(s): ${v.help}`);
        for (const node of v.nodes.slice(0, 3)) {
          console.log(`    ${node.target.join(' ')}`);
        }
      }
      const wide = await page.evaluate(() => [...document.querySelectorAll('table')]
        .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1)
        .map((t) => `${t.caption ? t.caption.textContent : '(no caption)'}: ${t.scrollWidth} px in ${t.parentElement.clientWidth} px`));
      for (const w of wide) console.log(`${file}: table wider than its column: ${w}`);
      problems += wide.length;

      // On a phone (375 px): axe again (what scrolls there must take focus), and every chart's
      // smallest label at 9 px or more as drawn (an SVG scaled down shrinks its text with it).
      await page.setViewportSize({ width: 375, height: 800 });
      const narrow = await page.evaluate(() => axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      for (const v of narrow.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        problems += v.nodes.length;
        console.log(`${file}: at 375 px: ${v.impact} ${v.id} at ${v.nodes.length} place(s): ${v.help}`);
        for (const node of v.nodes.slice(0, 3)) console.log(`    ${node.target.join(' ')}`);
      }
      const small = await page.evaluate(() => [...document.querySelectorAll('figure svg')]
        .map((svg) => {
          const box = svg.viewBox.baseVal;
          const scale = svg.getBoundingClientRect().width / (box && box.width ? box.width : svg.getBoundingClientRect().width);
          const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
          const caption = svg.closest('figure').querySelector('figcaption');
          return { name: caption ? caption.textContent.slice(0, 60) : '(no caption)', smallest: Math.min(...sizes) };
        })
        .filter((chart) => chart.smallest < 9)
        .map((chart) => `${chart.name}: smallest label ${chart.smallest.toFixed(1)} px`));
      for (const s of small) console.log(`${file}: chart illegible at 375 px: ${s}`);
      problems += small.length;

      // Printed on A4 (Chromium's print to PDF): 210 mm less the stylesheet's 14 mm margins is
      // 688 CSS px. Nothing may reach past it, or the printed page clips it.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 688, height: 1000 });
      const clipped = await page.evaluate(() => [...document.querySelectorAll('table, figure, pre, img, svg')]
        .filter((el) => el.getBoundingClientRect().right > 688 + 1)
        .map((el) => `${el.tagName.toLowerCase()} ${el.querySelector('caption') ? el.querySelector('caption').textContent : (el.id || el.className.baseVal || el.className || '')}: right edge at ${Math.round(el.getBoundingClientRect().right)} px`));
      for (const c of clipped) console.log(`${file}: clipped when printed on A4: ${c}`);
      problems += clipped.length;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`${files.length} file(s), ${problems} problem(s)`);
  return problems;
}

main(process.argv.slice(2)).then(
  (problems) => process.exit(problems ? 1 : 0),
  (error) => { console.error(String(error && error.stack || error)); process.exit(2); },
);
