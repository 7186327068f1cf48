import 'server-only';

const RESOURCE = Buffer.from('","resource":');
const SEARCH_MODE = { match: Buffer.from(',"search":{"mode":"match"}}'), include: Buffer.from(',"search":{"mode":"include"}}') };
const COMMA = Buffer.from(',');

/** The start of every entry of one resource type: `{"fullUrl":"<base>/<type>/`, up to the id. */
export function entryStart(base: string, resourceType: string): Buffer {
  return Buffer.from(`{"fullUrl":${JSON.stringify(`${base}/${resourceType}/`).slice(0, -1)}`);
}

/**
 * Appends one searchset entry to `pieces` as the bytes to send, around the resource's stored JSON
 * as it is (never parsed): `{"fullUrl":…,"resource":…,"search":{"mode":…}}`, after a comma when
 * an entry came before. The id is a FHIR id, which has no character JSON must escape.
 */
export function pushEntry(pieces: Buffer[], start: Buffer, id: Buffer, resource: Buffer, mode: 'match' | 'include'): void {
  if (pieces.length) pieces.push(COMMA);
  pieces.push(start, id, RESOURCE, resource, SEARCH_MODE[mode]);
}
