#!/usr/bin/env node
// The `pcelab` command. pcelab ships as TypeScript; tsx compiles it on load so there is no
// build step to forget and no stale output to run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
