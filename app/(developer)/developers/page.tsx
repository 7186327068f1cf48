import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { REFUSAL_CRITERIA } from '@/lib/app-review-criteria';
import { PAYER } from '@/lib/payer';
import { criterionLabel } from '@/lib/server/apps/describe-criterion';
import { CLIENT_SECRET_GRACE_DAYS } from '@/lib/server/apps/client-secret';
import { buildDeveloperDocs } from '@/lib/server/developers/build-developer-docs';
import { writeFhirclientExample } from '@/lib/server/developers/write-fhirclient-example';
import { operationOutcome } from '@/lib/server/fhir/operation-outcome';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('developers'))('portalName') };
}

const IDENTITY_SCOPE_MEANING: Record<string, string> = {
  openid: 'An ID token (OpenID Connect).',
  fhirUser: 'The ID token’s fhirUser claim: the Patient, or the RelatedPerson when a representative approved.',
  offline_access: 'A refresh token, rotated on every use; it never outlives the member’s approval.',
  launch: 'A portal launch: send the launch value the portal gave you.',
  'launch/patient': 'A standalone launch: the member proves who they are here and the token response names their Patient.',
};

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 break-all">{children}</code>;
}

function Block({ label, children }: { label: string; children: string }) {
  return (
    <pre className="overflow-x-auto rounded-md bg-slate-900 p-4 text-sm text-slate-50" tabIndex={0} aria-label={label}>
      <code>{children}</code>
    </pre>
  );
}

const SECTIONS = [
  ['start', 'Getting connected'],
  ['endpoints', 'Endpoints'],
  ['scopes', 'Scopes'],
  ['launch', 'Standalone and portal launch'],
  ['tokens', 'Tokens'],
  ['api', 'FHIR resources and search'],
  ['window', 'The data window, 401 and 403'],
  ['errors', 'Error shapes'],
  ['sandbox', 'Sandbox members'],
  ['example', 'A fhirclient example'],
] as const;

/**
 * The developer documentation. Every endpoint, scope, resource and search parameter below is read
 * from the functions that serve /fhir/.well-known/smart-configuration and /fhir/metadata, so the
 * page says what this server does. Technical reference in English (marked lang="en").
 */
export default async function DeveloperDocsPage() {
  const t = await getTranslations('developers');
  const docs = buildDeveloperDocs();
  const example = writeFhirclientExample({
    fhirBase: docs.fhirBase,
    clientId: 'YOUR_CLIENT_ID',
    redirectUri: 'http://127.0.0.1:8080/',
    scopes: ['launch/patient', 'openid', 'fhirUser', 'patient/Patient.rs', 'patient/ExplanationOfBenefit.rs'],
  });
  const endpoints: [string, string][] = [
    ['FHIR base (iss and aud)', docs.fhirBase],
    ['SMART configuration', docs.smartConfigurationUrl],
    ['CapabilityStatement', docs.metadataUrl],
    ['authorization_endpoint', docs.smart.authorization_endpoint],
    ['token_endpoint', docs.smart.token_endpoint],
    ['revocation_endpoint', docs.smart.revocation_endpoint],
    ['introspection_endpoint', docs.smart.introspection_endpoint],
    ['jwks_uri', docs.smart.jwks_uri],
    ['issuer', docs.smart.issuer],
  ];

  return (
    <div className="grid gap-10 lg:grid-cols-[14rem_1fr]">
      <nav aria-labelledby="contents-title" className="self-start lg:sticky lg:top-4" lang="en">
        <h2 id="contents-title" className="text-base">
          On this page
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <article lang="en" className="min-w-0 space-y-12 [&_h2]:scroll-mt-4 [&_table]:w-full [&_td]:border-b [&_td]:border-slate-300 [&_td]:py-1.5 [&_td]:pr-3 [&_td]:align-top [&_th]:border-b-2 [&_th]:border-slate-400 [&_th]:py-1.5 [&_th]:pr-3 [&_th]:text-left">
        <div className="space-y-3">
          <h1>{PAYER.name} Patient Access API for app developers</h1>
          <p className="text-lg">
            Members of {PAYER.name} may send their own claims and coverage data to the app they choose (CMS-9115-F, CMS-0057-F). This is a FHIR R4 API with the CARIN
            Blue Button profiles, secured with SMART App Launch 2 (OAuth 2.0 with PKCE). Everything below is read from this server as it runs.
          </p>
          <p className="text-sm text-slate-700" lang={undefined}>
            {t('nav.englishOnly')}
          </p>
        </div>

        <section aria-labelledby="start" className="space-y-3">
          <h2 id="start">Getting connected</h2>
          <ol className="list-decimal space-y-1 pl-6">
            <li>
              <Link href="/developers/sign-in">Sign in</Link> with your email address and a one-time code (no password; your first sign-in makes your account).
            </li>
            <li>
              <Link href="/developers/apps/new">Request a connection</Link>: your app, redirect URIs, public or confidential client, scopes, privacy policy and terms, your answers to
              the fifteen privacy questions members read, and your attestation to our code of conduct. A confidential client’s secret is shown once; you can make a new one
              at any time, and the old one keeps working for {CLIENT_SECRET_GRACE_DAYS} days.
            </li>
            <li>An app reviewer decides. Your request’s page shows the decision, its criterion and the reviewer’s notes.</li>
            <li>Once approved, your app is in the list of apps members choose from, and your client can start authorizations.</li>
          </ol>
          <p>
            We refuse or stop an app only for an unacceptable risk to the security of health data on our systems, on objective and verifiable criteria. Your privacy
            answers are shown to members and are never a reason. The criteria:
          </p>
          <ul className="list-disc pl-6">
            {REFUSAL_CRITERIA.map((criterion) => (
              <li key={criterion}>{criterionLabel(criterion)}</li>
            ))}
          </ul>
          <p>
            We may suspend an app at once, without warning: it leaves the list, cannot start an authorization, every access and refresh token it holds is refused on the
            next request, and members who connected it are told why. After outreach we may reinstate it; members then connect again (their earlier connections stay ended).
          </p>
        </section>

        <section aria-labelledby="endpoints" className="space-y-3">
          <h2 id="endpoints">Endpoints</h2>
          <table>
            <caption className="sr-only">Endpoints</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">URL</th>
              </tr>
            </thead>
            <tbody data-testid="endpoints">
              {endpoints.map(([name, url]) => (
                <tr key={name}>
                  <td>{name}</td>
                  <td>
                    <Code>{url}</Code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Client authentication: <Code>{docs.smart.token_endpoint_auth_methods_supported.join(', ')}</Code> (a public client sends only its client_id; a confidential
            client sends its secret with HTTP Basic; a SMART Backend Services client, registered by us, uses <Code>client_credentials</Code> with a JWT it signs with{' '}
            <Code>{docs.smart.token_endpoint_auth_signing_alg_values_supported.join(', ')}</Code>). PKCE is required for every client that signs a member in: <Code>code_challenge_method={docs.smart.code_challenge_methods_supported.join(', ')}</Code>.
            Redirect URIs must match a registered one exactly.
          </p>
          <p>
            Capabilities: <Code>{docs.smart.capabilities.join(' ')}</Code>
          </p>
        </section>

        <section aria-labelledby="scopes" className="space-y-3">
          <h2 id="scopes">Scopes</h2>
          <p>
            SMART v2 scopes (<Code>patient/ExplanationOfBenefit.rs</Code>) and v1 scopes (<Code>patient/*.read</Code>) are both accepted, for the resource types you
            registered. The member may share less than you ask for: the token response’s <Code>scope</Code> says what was granted, and <Code>patient</Code> names the
            member’s Patient.
          </p>
          <table>
            <caption className="text-left font-semibold">Identity and launch scopes</caption>
            <thead>
              <tr>
                <th scope="col">Scope</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {docs.scopes.identity.map((scope) => (
                <tr key={scope}>
                  <td>
                    <Code>{scope}</Code>
                  </td>
                  <td>{IDENTITY_SCOPE_MEANING[scope] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <Code>online_access</Code> and <Code>profile</Code> are accepted and ignored: the token response’s <Code>scope</Code> leaves them out. Ask for{' '}
            <Code>offline_access</Code> for a refresh token; read the member’s name from their <Code>Patient</Code> resource, which they choose whether to share.
          </p>
          <p>
            <strong>SMART v2:</strong> <Code>{docs.scopes.v2.join(' ')}</Code>
          </p>
          <p>
            <strong>SMART v1:</strong> <Code>{docs.scopes.v1.join(' ')}</Code>
          </p>
          <p>
            <strong>Backend services (provider organizations and other health plans):</strong> <Code>{docs.scopes.system.join(' ')}</Code>
          </p>
        </section>

        <section aria-labelledby="launch" className="space-y-3">
          <h2 id="launch">Standalone and portal launch</h2>
          <p>
            <strong>Standalone (your app starts):</strong> read the SMART configuration from <Code>{docs.smartConfigurationUrl}</Code>, then send the member to the
            authorization endpoint with <Code>response_type=code</Code>, your <Code>client_id</Code> and <Code>redirect_uri</Code>, <Code>scope</Code> including{' '}
            <Code>launch/patient</Code>, <Code>state</Code>, <Code>aud={docs.fhirBase}</Code> and a PKCE S256 challenge. The member reads your privacy answers, agrees to
            your terms, proves who they are with an email code, chooses what to share and approves; we send them back to your redirect URI with the code.
          </p>
          <p>
            <strong>Portal launch (the member starts in our list of apps):</strong> after the member approves here, we open your launch URL with{' '}
            <Code>iss={docs.fhirBase}</Code> and <Code>launch=&lt;opaque value&gt;</Code>. Send the member to the authorization endpoint with scope <Code>launch</Code> and
            that <Code>launch</Code> value (fhirclient’s <Code>FHIR.oauth2.authorize</Code> does this as is); we recognise the approval already given in the same browser
            and return the code without asking again.
          </p>
          <p>
            <strong>In the same window or a popup, never a frame:</strong> our pages refuse to be framed, so a web app sends the member in its own window or opens a
            popup (fhirclient’s <Code>target: &quot;popup&quot;</Code> with <Code>completeInTarget: false</Code>); the pages of the sign-in and approval keep the
            popup tied to the window that opened it, so your redirect page can hand the code back to it.
          </p>
        </section>

        <section aria-labelledby="tokens" className="space-y-3">
          <h2 id="tokens">Tokens</h2>
          <ul className="list-disc space-y-1 pl-6">
            <li>Access tokens are opaque and last {docs.accessTokenMinutes} minutes. Send them as <Code>Authorization: Bearer …</Code>.</li>
            <li>
              With <Code>offline_access</Code> you also get a refresh token. Each refresh returns a new one (the old one stops working). It never lasts longer than the
              member’s approval (once, 90 days or a year, as the member chose).
            </li>
            <li>Revoking either token at the revocation endpoint ends the member’s whole approval for your app.</li>
            <li>
              Introspection answers only the client that holds the token. For an access token it gives the granted <Code>scope</Code> as the token response did,{' '}
              <Code>patient</Code>, and <Code>fhirUser</Code> when an ID token came with it.
            </li>
            <li>A member can stop sharing at any time in their account; your next call then gets 401.</li>
          </ul>
        </section>

        <section aria-labelledby="api" className="space-y-3">
          <h2 id="api">FHIR resources and search</h2>
          <p>
            Read (<Code>GET [base]/[type]/[id]</Code>) and search (<Code>GET [base]/[type]?…</Code> or <Code>POST [base]/[type]/_search</Code>). Pages hold{' '}
            {docs.pageSize.default} resources (<Code>_count</Code> up to {docs.pageSize.max}); follow the Bundle’s <Code>next</Code> link. Unknown parameters are
            ignored and reported, or refused with 400 when you send <Code>Prefer: handling=strict</Code>. Every search is limited to the member the token belongs to.
          </p>
          <table>
            <caption className="sr-only">Resource types and their search parameters</caption>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Search parameters</th>
                <th scope="col">Profiles</th>
              </tr>
            </thead>
            <tbody data-testid="resources">
              {docs.resources.map((resource) => (
                <tr key={resource.type}>
                  <th scope="row" className="font-semibold">
                    {resource.type}
                  </th>
                  <td>
                    {resource.searchParams.map((p) => `${p.name} (${p.type})`).join(', ')}
                    {resource.includes.length > 0 ? (
                      <>
                        ; <Code>_include</Code>: {resource.includes.join(', ')}
                      </>
                    ) : null}
                  </td>
                  <td className="text-sm break-all">{resource.profiles.map((p) => p.split('/').pop()).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="window" className="space-y-3">
          <h2 id="window">The data window, 401 and 403</h2>
          <ul className="list-disc space-y-1 pl-6">
            <li>
              Data from {docs.dataWindowFloor}, or from the member’s first enrollment if later, and only for periods the member was enrolled. Nothing older is ever sent.
            </li>
            <li>Behavioral health and substance-use claims only when the member chose to share them (off unless they turn it on).</li>
            <li>
              The member chooses kinds of data:{' '}
              {Object.entries(docs.categories)
                .map(([category, types]) => `${category} (${types.join(', ')})`)
                .join('; ')}
              .
            </li>
          </ul>
          <p>
            <strong>401 Unauthorized</strong>: the token is not good any more. It expired, the member stopped sharing, their approval ran out, the representative who
            approved can no longer act for the member, or we suspended your app. Refresh if you can; otherwise send the member through authorization again.
          </p>
          <p>
            <strong>403 Forbidden</strong>: the token is good but this request is not allowed. The member did not share that kind of data, your token’s scope does not
            cover the resource type or interaction, or the member can no longer share data at all (for example more than a year after their coverage ended). Asking again
            will not help; tell the member.
          </p>
        </section>

        <section aria-labelledby="errors" className="space-y-3">
          <h2 id="errors">Error shapes</h2>
          <p>The FHIR API answers every error with an OperationOutcome and the HTTP status:</p>
          <Block label="FHIR error example">{JSON.stringify(operationOutcome('error', 'login', 'The member stopped sharing with this app.'), null, 2)}</Block>
          <p>The token endpoint answers with the OAuth 2.0 error object (RFC 6749 §5.2), for example after the member stopped sharing:</p>
          <Block label="Token endpoint error example">{JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }, null, 2)}</Block>
          <p>
            The authorization endpoint never redirects to an unregistered redirect URI: an unknown or suspended client, or a redirect URI that does not match, gets an
            error page. Other errors go back to your redirect URI as <Code>?error=…&amp;error_description=…&amp;state=…</Code>.
          </p>
        </section>

        <section aria-labelledby="sandbox" className="space-y-3">
          <h2 id="sandbox">Sandbox members</h2>
          {docs.sandboxPatients ? (
            <>
              <p>
                These demo members (no real person) exercise every rule. To sign in as one, type the name, birth date, member ID and ZIP code exactly as below; the email
                code goes to {docs.outboxUrl ? <a href={docs.outboxUrl}>the demo outbox</a> : 'the address shown'}.
              </p>
              <table>
                <caption className="sr-only">Sandbox members</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Birth date</th>
                    <th scope="col">Member ID</th>
                    <th scope="col">ZIP</th>
                    <th scope="col">What it shows</th>
                  </tr>
                </thead>
                <tbody data-testid="sandbox-members">
                  {docs.sandboxPatients.map((p) => (
                    <tr key={p.memberId}>
                      <td>{p.name}</td>
                      <td>{p.birthDate}</td>
                      <td>
                        <Code>{p.memberId}</Code>
                      </td>
                      <td>{p.zip}</td>
                      <td className="text-sm">{p.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p>This server holds real members only: there is no sandbox here.</p>
          )}
        </section>

        <section aria-labelledby="example" className="space-y-3">
          <h2 id="example">A fhirclient example</h2>
          <p>
            A whole page for a browser app (public client): save it as the page your redirect URI serves and open it. Put in your client id and redirect URI; your
            request’s page shows this page already filled in for your app. A confidential client keeps its secret on its server: use fhirclient’s Node adapter with{' '}
            <Code>clientSecret</Code>, as the sample app in <Code>sample-app/</Code> does without a secret.
          </p>
          <Block label="fhirclient example page">{example}</Block>
        </section>
      </article>
    </div>
  );
}
