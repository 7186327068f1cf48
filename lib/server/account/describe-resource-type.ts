import 'server-only';
import { CATEGORY_RESOURCE_TYPES, DATA_CATEGORIES, type DataCategory } from '@/lib/server/smart/smart-scopes';

/** The member-facing category a FHIR resource type belongs to ("ExplanationOfBenefit" → claims). */
export function categoryOfResourceType(resourceType: string): DataCategory | null {
  return DATA_CATEGORIES.find((c) => (CATEGORY_RESOURCE_TYPES[c] as readonly string[]).includes(resourceType)) ?? null;
}
