#!/usr/bin/env -S node --max-semi-space-size=64
// The `bantay` command: runs the TypeScript sources through tsx. The young generation is
// raised as for `npm start` (see "Memory and garbage collection" in the README).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
