import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time, so server.ts and the bundle share one instance
  // through globalThis, and PGlite finds its WebAssembly files.
  serverExternalPackages: ['@electric-sql/pglite', 'oidc-provider', 'postgres', 'nodemailer'],
  poweredByHeader: false,
  // Compressed in server.ts instead (lib/server/http/compress-pages.ts): Brotli, and a page in one stream.
  compress: false,
  reactStrictMode: true,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: '200kb' },
    // forbidden(): a staff page refuses a role without its permission with a real 403.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts, which
          // Next.js rightly refuses as cross-site (its server action CSRF check).
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
