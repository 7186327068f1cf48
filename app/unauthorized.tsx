import Link from 'next/link';

/**
 * 401 from unauthorized(), which nothing calls today (staff pages send a signed-out user to the
 * sign-in page; the APIs answer 401 themselves). Without this file `authInterrupts` puts Next.js's
 * default 401 page, with its own inline styles, into every page's RSC payload once per layout;
 * this page's few words are all it carries there.
 */
export default function Unauthorized() {
  return (
    <div lang="en" className="space-y-4">
      <h1>Please sign in</h1>
      <p>You need to sign in to see this page.</p>
      <Link href="/staff/sign-in" className="btn-primary">
        Staff sign-in
      </Link>
    </div>
  );
}
