// Worker-thread entry for `SpaceWorkers` (embed-parallel.ts): registers tsx so the TypeScript stage loads in this thread too,
// whether the main thread runs under tsx (the CLI) or vitest.
import { register } from 'tsx/esm/api';

register();
await import('./embed-worker-main.ts');
