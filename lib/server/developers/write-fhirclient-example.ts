import 'server-only';

/** The fhirclient build the example loads; the tests serve the same file from node_modules. */
export const FHIRCLIENT_SCRIPT_URL = 'https://cdn.jsdelivr.net/npm/fhirclient@2.6.3/build/fhir-client.min.js';

export interface FhirclientExampleInput {
  /** The FHIR base URL ("iss"). */
  fhirBase: string;
  clientId: string;
  redirectUri: string;
  /** Registered scopes; the example asks for the ones a browser app may use. */
  scopes: string[];
}

/**
 * A whole web page a developer can save as their redirect URI's page and open: fhirclient
 * (public client, PKCE S256) sends the member to sign in and approve, finishes the sign-in when
 * the member comes back, and lists the claims (or the first kind of data the app registered).
 * The end-to-end test copies it from the portal and runs it as it is.
 */
export function writeFhirclientExample({ fhirBase, clientId, redirectUri, scopes }: FhirclientExampleInput): string {
  const resourceTypes = scopes.filter((s) => s.startsWith('patient/')).map((s) => s.slice('patient/'.length).split('.')[0]);
  const resourceType = resourceTypes.includes('ExplanationOfBenefit') || resourceTypes.includes('*') ? 'ExplanationOfBenefit' : (resourceTypes[0] ?? 'ExplanationOfBenefit');
  // A browser cannot keep a refresh token safe for long; the rest is what the app registered.
  const scope = ['launch/patient', ...scopes.filter((s) => s !== 'launch/patient' && s !== 'offline_access')].join(' ');
  const search = resourceType === 'Patient' ? `Patient/\${client.patient.id}` : `${resourceType}?patient=\${client.patient.id}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>My health app</title>
  <script src="${FHIRCLIENT_SCRIPT_URL}"></script>
</head>
<body>
  <main>
    <h1>My ${resourceType} data</h1>
    <p id="status">Connecting…</p>
    <ul id="results"></ul>
  </main>
  <script>
    const status = document.getElementById("status");
    // The first visit sends the member to the plan to sign in and approve; the visit back
    // (with ?code=…) finishes the sign-in and gives a client for the member's record.
    FHIR.oauth2.init({
      iss: ${JSON.stringify(fhirBase)},
      clientId: ${JSON.stringify(clientId)},
      redirectUri: ${JSON.stringify(redirectUri)},
      scope: ${JSON.stringify(scope)},
      pkceMode: "required"
    }).then(async (client) => {
      // pageLimit 0 follows every "next" link; flat gives one list of resources.
      const found = await client.request(\`${search}\`, { pageLimit: 0, flat: true });
      const resources = Array.isArray(found) ? found : [found];
      status.textContent = resources.length + " ${resourceType} resources for patient " + client.patient.id;
      for (const resource of resources) {
        const item = document.createElement("li");
        item.textContent = resource.id + " " + (resource.billablePeriod?.start ?? resource.meta?.lastUpdated ?? "");
        document.getElementById("results").append(item);
      }
    }).catch((error) => {
      // A 401 means the approval ended: start again. A 403 means this token's scope, or the member's choices, do not cover that data.
      status.textContent = "Could not get data: " + error.message;
    });
  </script>
</body>
</html>
`;
}
