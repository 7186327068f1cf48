import 'server-only';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import type { FormState } from '@/lib/server/actions/form-state';
import { runFormAction } from '@/lib/server/actions/run-form-action';
import { writeDeveloperSession } from './developer-session';
import { loadSignedInDeveloper, type SignedInDeveloper } from './load-signed-in-developer';

/**
 * The one form wrapper (runFormAction) with the developer's session in front: no session, back to
 * sign-in; otherwise the session's idle time starts again and the domain call receives the
 * signed-in developer, whose id every developer query puts in its WHERE clause.
 */
export async function runDeveloperAction<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  handler: (input: z.infer<S>, developer: SignedInDeveloper) => Promise<FormState | void>,
  options: { arrays?: string[] } = {},
): Promise<FormState> {
  const developer = await loadSignedInDeveloper();
  if (!developer) redirect('/developers/sign-in');
  await writeDeveloperSession({ developerId: developer.id, signedInAt: developer.signedInAt });
  return runFormAction(formData, schema, (input) => handler(input, developer), { messages: 'developers.errors', ...options });
}
