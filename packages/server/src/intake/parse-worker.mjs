// Entry of the parse worker thread: registers the TypeScript loader, then runs the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
