import { describe, expect, it } from 'vitest';
import { versionHeaders } from './handle-fhir-request';

describe('versionHeaders', () => {
  it('gives a weak ETag of the versionId and the HTTP date of lastUpdated', () => {
    expect(versionHeaders({ versionId: '3', lastUpdated: '2024-05-01T12:30:00-04:00' })).toEqual({
      etag: 'W/"3"',
      'last-modified': 'Wed, 01 May 2024 16:30:00 GMT',
    });
  });

  it('leaves out what the meta lacks or what cannot go in a header', () => {
    expect(versionHeaders(undefined)).toEqual({});
    expect(versionHeaders({ versionId: 'a"b\r\nx: y', lastUpdated: 'not a date' })).toEqual({});
    expect(versionHeaders({ lastUpdated: '2016-01-01' })).toEqual({ 'last-modified': 'Fri, 01 Jan 2016 00:00:00 GMT' });
  });
});
