import { describe, expect, it } from 'vitest';
import { acceptsFhirJson } from './response-format';

describe('acceptsFhirJson', () => {
  it('takes no Accept header, a wildcard, a browser\'s list and every JSON name of FHIR R4', () => {
    for (const accept of [
      undefined,
      '',
      '*/*',
      'application/*',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'application/fhir+json',
      'application/json',
      'application/json+fhir',
      'application/fhir+json; fhirVersion=4.0',
      'application/fhir+json;fhirversion=4.0.1',
      'application/fhir+json; charset=UTF-8',
      'application/fhir+xml, application/fhir+json;q=0.5',
      'garbage',
    ]) {
      expect(acceptsFhirJson(accept, []), String(accept)).toBe(true);
    }
  });

  it('refuses XML, Turtle, HTML, plain text and JSON of another FHIR version', () => {
    for (const accept of [
      'application/fhir+xml',
      'application/xml',
      'text/turtle',
      'text/html',
      'text/plain',
      'application/fhir+json; fhirVersion=3.0',
      'application/fhir+json;q=0, */*;q=0',
      'application/fhir+json; fhirVersion=3.0, application/fhir+xml',
    ]) {
      expect(acceptsFhirJson(accept, []), accept).toBe(false);
    }
  });

  it('reads _format: json and the JSON media types (a + sent unescaped reads as a space), nothing else', () => {
    for (const format of ['json', 'JSON', 'application/json', 'application/fhir+json', 'application/fhir json', 'application/json+fhir', '']) {
      expect(acceptsFhirJson(undefined, [format]), format).toBe(true);
    }
    for (const format of ['xml', 'ttl', 'html', 'application/fhir+xml', 'text/xml', 'yaml']) {
      expect(acceptsFhirJson(undefined, [format]), format).toBe(false);
    }
    expect(acceptsFhirJson('application/json', ['json', 'xml'])).toBe(false);
    expect(acceptsFhirJson('application/fhir+xml', ['json'])).toBe(false);
  });
});
