// Loaded with `node --import` before server.ts and the scripts: TypeScript through tsx, and the
// `server-only` marker made harmless outside the Next.js bundle (see server-only-hooks.mjs).
import { register } from 'node:module';
import 'tsx/esm';

register('./server-only-hooks.mjs', import.meta.url);
