'use client';
import { useServerInsertedHTML } from 'next/navigation';
import { useRef } from 'react';
import { publishedSiteStylesheet } from '@/lib/design/site-stylesheet-slot';

/**
 * Writes the site's stylesheet into the head of the HTML the server sends, as one <style> with
 * the request's CSP nonce (lib/design/site-stylesheet.ts). Only into the HTML: a server-inserted
 * element is not part of the React Server Components payload, so the page does not carry the
 * stylesheet's text again for hydration, and client navigations keep the one in the head. Renders
 * nothing itself.
 */
export function InlineStylesheet({ nonce }: { nonce?: string }) {
  const written = useRef(false);
  useServerInsertedHTML(() => {
    if (written.current) return null;
    written.current = true;
    const css = publishedSiteStylesheet();
    return css ? <style nonce={nonce} data-site-stylesheet="" dangerouslySetInnerHTML={{ __html: css }} /> : null;
  });
  return null;
}
