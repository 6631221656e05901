// Prints the French public holidays that @socialgouv/jours-feries gives, as JSON, for
// holidays_oracle_test.cc to compare with domain/staffing/holidays.h.
// Usage: node holidays_oracle.mjs <the package's folder> <metropolitan|alsace_moselle> <first year>
//   <last year>
// Prints {"1990": {"Jour de l'an": "1990-01-01", ...}, ...}.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [packageDir, zone, firstArg, lastArg] = process.argv.slice(2);
if (!['metropolitan', 'alsace_moselle'].includes(zone)) {
  console.error(`unknown zone: ${zone}`);
  process.exit(2);
}
const joursFeries = createRequire(import.meta.url)(resolve(packageDir));

// The package makes each date at local midnight (new Date(year, month, day)) and moves from
// Easter by multiples of 24 hours, so its dates are read back with the local getters, in the
// zone it ran in (the test sets TZ=Europe/Paris).
function iso(date) {
  const pad = (n, width) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

const years = {};
for (let year = Number(firstArg); year <= Number(lastArg); year += 1) {
  const holidays = joursFeries(year, { alsace: zone === 'alsace_moselle' });
  years[year] = Object.fromEntries(Object.entries(holidays).map(([name, date]) => [name, iso(date)]));
}
process.stdout.write(JSON.stringify(years));
