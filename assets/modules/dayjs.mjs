// dayjs 1.11.23: the core as vendor/dayjs, and one runtime module per file of
// dayjs/plugin/ and dayjs/locale/, so `require('dayjs/plugin/utc')` or
// `require('dayjs/locale/zh-cn')` loads only that file (the core is ~7 KB and
// costs ~0.2 ms to load: bundling every plugin and locale with it would multiply
// that for every script). Plugins and locales take the ONE core instance from
// vendor/dayjs at run time (`runtime`), as in Node where they require('dayjs').
// See docs/libraries/dayjs.md.
import fs from 'node:fs';
import path from 'node:path';

const RUNTIME = { dayjs: 'vendor/dayjs' };

// The timezone plugin converts with Date.prototype.toLocaleString('en-US', {timeZone}),
// which QuickJS implements without time zones (it formats the host's local time):
// the same call goes to web/intl's tzLocaleString (Node's output for exactly these
// options, printed from the zone's cached offset), and the plugin's tzOffset asks
// web/intl's tzOffset first (the same minutes without formatting and parsing back;
// undefined for the rare cases the plugin's own code keeps). See docs/libraries/dayjs.md.
const TIMEZONE_PATCHES = [
  {
    file: 'dayjs/plugin/timezone.js',
    find: 'a.toLocaleString("en-US",{timeZone:t})',
    replace: 'require("web/intl").tzLocaleString(a,t)',
  },
  // tzOffset: the offset straight from web/intl (same minutes as formatting the wall
  // time and parsing it back); undefined sends the rare cases down the plugin's own path.
  {
    file: 'dayjs/plugin/timezone.js',
    find: 'u=function(e,n){for(var i=a(e,n),',
    replace: 'u=function(e,n){var q=require("web/intl").tzOffset(e,n);if(q!==void 0)return q;for(var i=a(e,n),',
  },
];

function names(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export default async function dayjsModules({ here }) {
  const root = path.join(here, 'node_modules', 'dayjs');
  const entries = [
    { name: 'dayjs', package: 'dayjs', exports: '*' },
    // require('dayjs/dayjs.min') is the package's main file: the same instance.
    { name: 'dayjs/dayjs.min', source: "module.exports = require('vendor/dayjs');\n", external: ['vendor/dayjs'] },
    // require('dayjs/locale.json'): the list of locales (key, name).
    { name: 'dayjs/locale.json', package: 'dayjs/locale.json', exports: '*' },
  ];
  for (const plugin of names(path.join(root, 'plugin'))) {
    const entry = { name: `dayjs/plugin/${plugin}`, package: `dayjs/plugin/${plugin}`, exports: '*', runtime: RUNTIME };
    if (plugin === 'timezone') {
      entry.external = ['web/intl'];
      entry.patches = TIMEZONE_PATCHES;
    }
    if (plugin === 'devHelper') entry.inject = ['./shims/dayjs-process.js'];
    entries.push(entry);
  }
  for (const locale of names(path.join(root, 'locale'))) {
    entries.push({ name: `dayjs/locale/${locale}`, package: `dayjs/locale/${locale}`, exports: '*', runtime: RUNTIME });
  }
  return entries;
}
