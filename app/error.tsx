'use client';

import { PageError } from '@/components/layout/page-error';

// A page whose server render failed (the database away, full or read-only): "try again", en and es.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError reset={reset} />;
}
