import 'server-only';
import { randomBytes } from 'node:crypto';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import type { ConnectionRequest } from '@/lib/schemas/developer';
import { generateClientSecret, hashClientSecret } from '@/lib/server/apps/client-secret';
import { foldForSearch } from '@/lib/server/apps/list-gallery-apps';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import type { SignedInDeveloper } from './load-signed-in-developer';

export interface RequestedApp {
  appId: string;
  clientId: string;
  /** A confidential client's secret: returned this once, stored only hashed. */
  clientSecret: string | null;
}

/**
 * A developer's connection request: a pending app that only its developer and app reviewers see.
 * The app becomes an OAuth client, and appears in the gallery, only once a reviewer approves it.
 */
export async function requestAppConnection(developer: SignedInDeveloper, request: ConnectionRequest, requestId?: string | null): Promise<RequestedApp> {
  const appId = newAppId(request.name);
  const clientSecret = request.clientType === 'confidential' ? generateClientSecret() : null;
  const now = appClock().now();
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(apps).values({
      id: appId,
      clientId: appId,
      name: request.name,
      developer: request.organization,
      summary: request.description,
      website: request.website,
      privacyPolicyUrl: request.privacyPolicyUrl,
      termsUrl: request.termsUrl,
      clientType: request.clientType,
      clientSecretHash: clientSecret ? hashClientSecret(clientSecret) : null,
      redirectUris: request.redirectUris,
      launchUrl: request.launchUrl,
      scopes: request.scopes.join(' '),
      status: 'pending',
      statusSince: todayIn(appClock()),
      codeOfConductAttested: true,
      codeOfConductAttestedAt: now,
      // The developer's own words; a reviewer may mark them later.
      privacy: Object.fromEntries(Object.entries(request.privacy).map(([id, answer]) => [id, { answer }])),
      contactEmail: developer.email,
      developerAccountId: developer.id,
      submittedAt: now,
    });
    await recordAuditEvent(tx, {
      actor: { kind: 'developer', id: developer.id },
      action: 'app.requested',
      appId,
      details: { clientType: request.clientType, redirectUris: request.redirectUris.length },
      requestId,
    });
  });
  return { appId, clientId: appId, clientSecret };
}

/** Readable and unguessable enough: "health-journal-3f9a0c". Also the OAuth client id. */
function newAppId(name: string): string {
  const slug =
    foldForSearch(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'app';
  return `${slug}-${randomBytes(3).toString('hex')}`;
}
