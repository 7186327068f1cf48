import 'server-only';
import { getDbHandle } from '@/lib/db/client';

/** How long one answer about the database stands for every request that asks. */
const FRESH_MS = 1_000;
/** A database that has not answered `select 1` by then counts as away. */
const PATIENCE_MS = 1_500;

let known: { at: number; answers: boolean } | null = null;
let asking: Promise<boolean> | null = null;

/**
 * Whether the database answers right now: one `select 1` at most every second for the whole
 * process, shared by the requests that arrive meanwhile, so a healthy site pays nothing per page.
 * The embedded database (PGlite) is in the process and always answers.
 */
export async function databaseAnswers(): Promise<boolean> {
  if (known && performance.now() - known.at < FRESH_MS) return known.answers;
  asking ??= ask().finally(() => {
    asking = null;
  });
  return asking;
}

async function ask(): Promise<boolean> {
  let answers = false;
  try {
    const { db, engine } = await getDbHandle();
    if (engine !== 'postgres') answers = true;
    else {
      const { $client } = db as unknown as { $client: { unsafe(query: string): Promise<unknown> } };
      let timer: NodeJS.Timeout | undefined;
      answers = await Promise.race([
        $client.unsafe('select 1').then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PATIENCE_MS))),
      ]).finally(() => clearTimeout(timer));
    }
  } catch {
    answers = false;
  }
  known = { at: performance.now(), answers };
  return answers;
}
