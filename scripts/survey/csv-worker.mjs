// Worker-thread entry for the survey reader's second part (read.ts, SecondPart): registers tsx so the
// TypeScript reader loads in this thread too, whether the main thread runs under tsx (the CLI) or vitest.
import { register } from 'tsx/esm/api';

register();
await import('./csv-worker-main.ts');
