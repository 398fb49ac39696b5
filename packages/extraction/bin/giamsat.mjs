#!/usr/bin/env node
// The library is TypeScript run in place: tsx compiles it on the fly, no build step.
import { register } from 'tsx/esm/api';

register();
// `giamsat audit …` works on the app's database, so it lives with the server (the library has no database).
if (process.argv[2] === 'audit') await import('@giamsat/server/audit/audit.cli.ts');
else await import('../src/cli.ts');
