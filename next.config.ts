import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { FORM_BODY_LIMIT_BYTES } from './lib/security/form-body-limit';
import { ISOLATED_AREA_HEADERS, ISOLATED_AREAS, SITE_HEADERS } from './lib/security/site-headers';

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
    serverActions: { bodySizeLimit: FORM_BODY_LIMIT_BYTES },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [...SITE_HEADERS],
      },
      // `:path*` is zero or more segments: `/account/:path*` covers `/account` itself.
      ...ISOLATED_AREAS.map((area) => ({ source: `${area}/:path*`, headers: [...ISOLATED_AREA_HEADERS] })),
    ];
  },
};

export default withNextIntl(nextConfig);
