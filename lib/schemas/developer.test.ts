import { describe, expect, it } from 'vitest';
import { SERVED_RESOURCE_TYPES } from '@/lib/server/smart/smart-scopes';
import { RESOURCE_SCOPE_CHOICES } from './developer';

describe('the scopes an app may register', () => {
  // Discovery and the developer docs advertise patient/ and user/ scopes for every type served;
  // an app that cannot register one would be refused it at every launch.
  it('offer a read-and-search scope for every resource type the Patient Access API serves', () => {
    expect([...RESOURCE_SCOPE_CHOICES].sort()).toEqual(SERVED_RESOURCE_TYPES.map((type) => `patient/${type}.rs`).sort());
  });
});
