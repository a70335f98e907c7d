#!/usr/bin/env node
/**
 * Offline cache benchmarks (prints figures, never asserts):
 *   node test/bench/cache/run-cache-bench.js [--items 200000]
 */
import { benchCogProxy } from './cog-proxy-bench.js';
import { benchItemsQuery } from './items-query-bench.js';

const args = process.argv.slice(2);
const itemsFlag = args.indexOf('--items');
const count = itemsFlag >= 0 ? Number(args[itemsFlag + 1]) : 200_000;

await benchItemsQuery({ count });
await benchCogProxy();
