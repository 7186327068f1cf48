/**
 * The most a form may send, in bytes: Next.js's limit for server actions (next.config.ts) and the
 * router's, which refuses a longer form with a page of its own before Next.js reads it
 * (lib/server/http/guard-page-posts.ts). Plain data, no server-only import: next.config.ts loads it
 * outside the app's bundle. The longest form a person fills in (a privacy report) is a few kB.
 */
export const FORM_BODY_LIMIT_BYTES = 200 * 1024;
