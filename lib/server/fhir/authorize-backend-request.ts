import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { backendClients, oidcModels } from '@/lib/db/schema';
import { FhirRequestError } from './operation-outcome';

export interface BackendAccess {
  clientId: string;
  name: string;
  kind: 'provider' | 'payer';
  /** The provider organization's attribution Group (providers only). */
  groupId: string | null;
  scopes: Set<string>;
}

/**
 * A SMART backend services token (client_credentials with a signed JWT, issued by the provider at
 * /oauth): checked on every request against the database, and the client must still be active.
 * Null when the bearer token is not a backend token at all (the caller then tries a member's).
 */
export async function authorizeBackendRequest(authorization: string | undefined): Promise<BackendAccess | null> {
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
  if (!match) return null;
  const db = await getDb();
  const [row] = await db
    .select({ payload: oidcModels.payload, expiresAt: oidcModels.expiresAt, client: backendClients })
    .from(oidcModels)
    .innerJoin(backendClients, eq(backendClients.clientId, sql`${oidcModels.payload}->>'clientId'`))
    .where(and(eq(oidcModels.model, 'ClientCredentials'), eq(oidcModels.id, match[1])))
    .limit(1);
  if (!row) return null;
  const payload = row.payload as { clientId?: string; scope?: string; exp?: number };
  if ((row.expiresAt && row.expiresAt <= new Date()) || (payload.exp && payload.exp * 1000 <= Date.now())) {
    throw new FhirRequestError(401, 'login', 'The access token has expired.');
  }
  if (row.client.status !== 'active' || payload.clientId !== row.client.clientId) throw new FhirRequestError(401, 'login', 'This client\'s access has been removed.');
  return {
    clientId: row.client.clientId,
    name: row.client.name,
    kind: row.client.kind,
    groupId: row.client.groupId,
    scopes: new Set(String(payload.scope ?? '').split(/\s+/).filter(Boolean)),
  };
}

/** Whether a backend token's scopes allow reading `resourceType` (SMART v1 `.read` or v2 `.r`/`.rs`). */
export function backendScopeAllows(access: BackendAccess, resourceType: string): boolean {
  return [...access.scopes].some((scope) => {
    const m = /^system\/(\*|[A-Z][A-Za-z]+)\.(read|[cruds]+)$/.exec(scope);
    return Boolean(m && (m[1] === '*' || m[1] === resourceType) && (m[2] === 'read' || m[2].includes('r')));
  });
}
