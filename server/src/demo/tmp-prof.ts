import type { Db } from '../db/db.ts';
import { openPglite } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { generateDemoData } from './generate.ts';

const timed = (db: Db): Db => ({
  kind: db.kind,
  async query(sql, params) {
    const t = performance.now();
    const r = await db.query(sql, params);
    const ms = performance.now() - t;
    if (ms > 150)
      console.log(
        `${ms.toFixed(0)}ms`,
        (typeof sql === 'string' ? sql : sql.compile().text).replace(/\s+/g, ' ').slice(0, 110),
      );
    return r as never;
  },
  exec: (s) => db.exec(s),
  transaction: (fn) => db.transaction((tx) => fn(timed(tx))),
  close: () => db.close(),
});
const db = await openPglite();
await migrate(db);
const t = performance.now();
await generateDemoData(timed(db), { scale: 'demo', referenceDate: '2025-11-15', log: (l) => console.log(l) });
console.log('total', performance.now() - t);
