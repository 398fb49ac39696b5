#!/usr/bin/env node
// The library is TypeScript run in place: tsx compiles it on the fly, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
