// `npm run dev`: the API with reload on change (tsx watch) and the web app from Vite's dev
// server with hot reload; Vite forwards /api to the API. Ctrl+C stops both.
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'packages/server/src/main.ts'], {
    stdio: 'inherit',
    env: process.env,
  }),
  spawn('npx', ['vite', '--port', process.env.VITE_PORT ?? '5173', '--strictPort'], {
    stdio: 'inherit',
    cwd: 'packages/web',
  }),
];
console.log('[dev] API on http://127.0.0.1:8080, web with hot reload on http://localhost:5173');

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop());
