/**
 * The sample app's HTML: plain, accessible pages that need no JavaScript.
 * Every interpolated value goes through `html`, which escapes it.
 */
import type { ClaimsOutcome, Failure, FhirStatus, Phase, RefreshOutcome } from './fhir-reads';
import type { ClaimRow, Money } from './summarize-claims';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Template tag: escapes every interpolation except nested `Html` (and arrays of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --accent: #0b4f9c; --bad: #8a1c1c; --line: #c9c9c9; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; margin: 0; }
nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
.button, button { display: inline-block; padding: .6rem 1rem; border: 2px solid var(--accent); border-radius: .3rem; background: var(--accent); color: #fff; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
.button.secondary, button.secondary { background: #fff; color: var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.notice { border-left: .4rem solid var(--accent); background: #eef4fb; padding: .75rem 1rem; margin: 1rem 0; }
.notice.error { border-color: var(--bad); background: #fbeeee; }
.notice h2 { margin-top: 0; font-size: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 600; padding-bottom: .5rem; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
td.amount, th.amount { text-align: right; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
label { display: block; font-weight: 600; margin: .5rem 0 .25rem; }
input[type="text"] { width: 100%; max-width: 40rem; padding: .5rem; font: inherit; border: 1px solid var(--muted); border-radius: .2rem; }
`;

export function layout(title: string, main: Html): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Blue Button Explorer</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<p class="brand"><a href="/">Blue Button Explorer</a></p>
<nav aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/claims">My claims</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></nav>
</header>
<main id="main">
${main}
</main>
<footer><p>A sample third-party app for testing SMART on FHIR connections to a health plan. It is not run by your plan.</p></footer>
</body>
</html>
`}`;
}

export interface ConnectionSummary {
  patientId: string | null;
  scope: string | null;
}

export function homePage(connection: ConnectionSummary | null, defaultScope: string): string {
  const status = connection
    ? html`<div class="notice" role="status"><p>You are connected${connection.patientId ? html` as patient <strong>${connection.patientId}</strong>` : ''}.</p></div>
<div class="actions"><a class="button" href="/claims">View my claims</a><a class="button secondary" href="/refresh">Refresh access</a></div>
<form method="post" action="/disconnect"><button class="secondary" type="submit">Disconnect this app</button></form>`
    : '';
  return layout(
    'Home',
    html`<h1>Blue Button Explorer</h1>
<p>This sample app reads your claims (Explanations of Benefit) from your health plan's Patient Access API, after you approve the connection with your plan.</p>
${status}
<div class="actions"><a class="button" href="/standalone">Connect with standalone launch</a></div>
<details>
<summary>Choose the scopes to request</summary>
<form method="get" action="/standalone">
<label for="scope">Scopes (separated by spaces)</label>
<input type="text" id="scope" name="scope" value="${defaultScope}" autocomplete="off" spellcheck="false">
<p><button type="submit">Connect with these scopes</button></p>
</form>
</details>`,
  );
}

export function claimsPage(outcome: ClaimsOutcome, connection: ConnectionSummary): string {
  const body = outcome.ok
    ? html`<p>Patient: <strong data-testid="patient-name">${outcome.patientName ?? 'name not given'}</strong></p>
<p>Claims found: <strong data-testid="claim-count">${outcome.rows.length}</strong>${
        outcome.morePages ? html` (the first ${outcome.pagesRead} pages; the plan has more)` : ''
      }</p>
${outcome.rows.length ? claimsTable(outcome.rows) : html`<p>Your plan shared no claims with this app.</p>`}`
    : html`${failureNotice(outcome.failure)}
<div class="actions"><a class="button" href="/standalone">Connect again</a><a class="button secondary" href="/refresh">Try refreshing access</a></div>`;
  return layout('My claims', html`<h1>My claims</h1>${body}${connectionDetails(connection, outcome.lastStatus)}`);
}

export function refreshPage(outcome: RefreshOutcome, connection: ConnectionSummary): string {
  const result = outcome.ok
    ? html`<div class="notice" role="status"><p data-testid="refresh-result">Success: the plan issued a new access token${
        outcome.expiresIn !== null ? html`, valid for ${outcome.expiresIn} seconds` : ''
      }.</p></div>`
    : html`<div class="notice error" role="alert"><p data-testid="refresh-result">Failed: ${failureSentence(outcome.failure)}</p></div>`;
  const scope = outcome.ok && outcome.scope ? outcome.scope : connection.scope;
  return layout(
    'Refresh access',
    html`<h1>Refresh access</h1>${result}
<div class="actions"><a class="button" href="/claims">View my claims</a><a class="button secondary" href="/standalone">Connect again</a></div>
${connectionDetails({ ...connection, scope }, null)}`,
  );
}

export function notConnectedPage(): string {
  return messagePage('Not connected', html`<p>This app is not connected to your plan in this browser, or the connection has ended.</p>
<div class="actions"><a class="button" href="/standalone">Connect with standalone launch</a></div>`);
}

export function failurePage(title: string, failure: Failure): string {
  return messagePage(title, html`${failureNotice(failure)}<div class="actions"><a class="button" href="/">Back to the start</a></div>`);
}

export function messagePage(title: string, body: Html): string {
  return layout(title, html`<h1>${title}</h1>${body}`);
}

export function privacyPage(): string {
  return messagePage(
    'Privacy policy',
    html`<p>Blue Button Explorer is a sample app for testing connections to a health plan.</p>
<ul>
<li>What it collects: the claims and patient details your plan shares after you approve, read again each time you open "My claims".</li>
<li>Where it keeps them: nowhere. Claims are shown and not stored. The connection itself (which patient, which scopes, and the tokens) stays only in the running app's memory, tied to a cookie in your browser.</li>
<li>It does not sell, share, advertise with or research your data.</li>
<li>Deletion: choose "Disconnect this app" on the home page, or stop the app; you can also stop the connection at any time in your plan's consent hub.</li>
</ul>`,
  );
}

export function termsPage(): string {
  return messagePage(
    'Terms of use',
    html`<p>Blue Button Explorer is provided as a sample for testing, without warranty. Do not rely on it for medical, billing or legal decisions.</p>
<p>Use it only with your own plan account, or one you are authorised to use as a representative.</p>`,
  );
}

const PHASE_NAMES: Record<Phase, string> = {
  discovery: "The plan's SMART configuration",
  token: "The plan's token endpoint",
  fhir: "The plan's FHIR server",
};

export function failureTitle(failure: Failure): string {
  switch (failure.kind) {
    case 'http':
      if (failure.phase === 'token') return 'Access has expired and could not be renewed';
      if (failure.status === 401 || failure.status === 403) return 'Access was stopped or has expired';
      if (failure.status >= 500) return "The plan's server had a problem";
      return "The plan's server refused the request";
    case 'timeout':
      return "The plan's server did not answer in time";
    case 'malformed':
      return "The plan's server sent an answer this app could not read";
    case 'network':
      return "The plan's server could not be reached";
    case 'other':
      return 'The request could not be completed';
  }
}

export function failureSentence(failure: Failure): string {
  const where = PHASE_NAMES[failure.phase];
  switch (failure.kind) {
    case 'http': {
      const status = `HTTP ${failure.status}${failure.statusText ? ` (${failure.statusText})` : ''}`;
      const code = failure.oauthError ? `, error "${failure.oauthError}"` : '';
      const advice =
        failure.status === 401 || failure.status === 403 || failure.phase === 'token'
          ? ' The connection may have been stopped in your plan\'s consent hub, or it has expired. Connect again to continue.'
          : failure.status >= 500
            ? ' Try again later.'
            : '';
      return `${where} answered ${status}${code}.${advice}`;
    }
    case 'timeout':
      return `${where} did not answer within ${formatSeconds(failure.ms)}: the request timed out. Try again later.`;
    case 'malformed':
      return `${where} answered${failure.status !== null ? ` HTTP ${failure.status}` : ''} with content that is not the expected FHIR JSON (malformed answer).`;
    case 'network':
      return `${where} could not be reached (network error). Try again later.`;
    case 'other':
      return failure.message;
  }
}

function failureNotice(failure: Failure): Html {
  return html`<div class="notice error" role="alert" data-testid="fhir-error"><h2>${failureTitle(failure)}</h2><p>${failureSentence(failure)}</p></div>`;
}

function connectionDetails(connection: ConnectionSummary, lastStatus: FhirStatus | null): Html {
  return html`<section aria-labelledby="details-heading">
<h2 id="details-heading">Connection details</h2>
<dl>
<dt>Patient ID</dt><dd data-testid="patient-id">${connection.patientId ?? 'none'}</dd>
<dt>Granted scope</dt><dd data-testid="granted-scope">${connection.scope ?? 'none'}</dd>
${lastStatus !== null ? html`<dt>Last FHIR status</dt><dd data-testid="fhir-status">${lastStatus}</dd>` : ''}
</dl>
</section>`;
}

function claimsTable(rows: ClaimRow[]): Html {
  return html`<table>
<caption>Claims, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Provider</th><th scope="col">Diagnosis codes</th><th scope="col" class="amount">Paid by plan</th></tr></thead>
<tbody>
${rows.map(
  (row) =>
    html`<tr data-testid="claim-row"><td>${row.date ?? '—'}</td><td>${row.type ?? '—'}</td><td>${row.provider ?? '—'}</td><td>${
      row.diagnosisCodes.length ? row.diagnosisCodes.join(', ') : '—'
    }</td><td class="amount">${row.paid ? formatMoney(row.paid) : '—'}</td></tr>
`,
)}</tbody>
</table>`;
}

function formatMoney({ value, currency }: Money): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`; // not an ISO 4217 code
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
