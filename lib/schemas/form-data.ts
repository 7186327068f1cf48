/** FormData with repeated checkbox names, as an object zod can read. */
export function formDataToObject(formData: FormData, arrays: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (typeof value !== 'string' || key.startsWith('$')) continue;
    if (arrays.includes(key)) out[key] = [...((out[key] as string[]) ?? []), value];
    else out[key] = value;
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
