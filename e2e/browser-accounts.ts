/** The demo accounts printed by `npm start` (server/src/demo/accounts.ts); one shared password. */
export const DEMO_PASSWORD = 'MatKhau@2025';
export const accounts = {
  centralOffice: 'vptw',
  provinceOffice: 'vp.hanoi',
  ministryFocal: 'bokhcn',
  ministryHead: 'bokhcn.lanhdao',
  provinceFocal: 'sokhcn.hanoi',
  communeFocal: 'xa.hanoi',
  communeOffice: 'vp.xa.hanoi',
  inspector: 'thanhtra',
  admin: 'admin',
} as const;
