import { openPglite } from '../db/db.ts';

const db = await openPglite();
for (const s of [
  'select count(*) from generate_series(1,1000000)',
  'select count(*) from (select demo_random(g,1) from generate_series(1,100000) g) x',
  `select count(*) from (select (hashint8extended(g, 5) & 4503599627370495)::double precision / 4503599627370496 from generate_series(1,100000) g) x`,
]) {
  const t = performance.now();
  try {
    await db.query(s);
  } catch (e) {
    console.log(String(e));
  }
  console.log((performance.now() - t).toFixed(0), s.slice(0, 60));
}
