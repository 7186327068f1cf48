import 'server-only';
import { textProblem } from '@/lib/schemas/text-problem';

const SECRET_FIELDS = /code|password|secret|token/i;

/** What the user typed, to draw a form again with (never a secret field, never bad bytes). */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$') && !SECRET_FIELDS.test(key) && !textProblem(key) && !textProblem(value)) {
      values[key] = value;
      values[`${key}:${value}`] = value; // every ticked box of a group, for putting them back
    }
  }
  return values;
}
