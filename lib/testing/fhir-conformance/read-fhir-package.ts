import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A FHIR package (`.tgz`) as its JSON files, by path inside the archive (`package/…`). */
export type FhirPackage = Map<string, Record<string, any>>;

const BLOCK = 512;

/**
 * Reads every JSON file of a FHIR package in memory. A FHIR package is a plain ustar archive,
 * gzipped; reading it here keeps the IG's files packed in the repository and needs no tar tool.
 */
export function readFhirPackage(file: string): FhirPackage {
  const tar = gunzipSync(fs.readFileSync(file));
  const files: FhirPackage = new Map();
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const text = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(text(124, 12).trim() || '0', 8);
    const typeFlag = text(156, 1);
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if ((typeFlag === '0' || typeFlag === '') && name.endsWith('.json')) files.set(name, JSON.parse(body.toString('utf8').replace(/^\uFEFF/, '')));
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

export const CARIN_BB_PACKAGE_FILE = path.join(process.cwd(), 'lib/testing/fhir-packages/hl7.fhir.us.carin-bb-2.0.0.tgz');

let carinBb: FhirPackage | null = null;

/** The CARIN Blue Button 2.0.0 package copied into the project (see lib/testing/fhir-packages/README.md). */
export function carinBbPackage(): FhirPackage {
  carinBb ??= readFhirPackage(CARIN_BB_PACKAGE_FILE);
  return carinBb;
}

/** The package's conformance resources of one type (StructureDefinition, ValueSet, …), not its examples. */
export function packageResources(pkg: FhirPackage, resourceType: string): Record<string, any>[] {
  return [...pkg]
    .filter(([name, json]) => !name.startsWith('package/example/') && !name.startsWith('package/other/') && json.resourceType === resourceType)
    .map(([, json]) => json);
}

/** The package's official examples. */
export function packageExamples(pkg: FhirPackage): Record<string, any>[] {
  return [...pkg].filter(([name]) => name.startsWith('package/example/')).map(([, json]) => json);
}
