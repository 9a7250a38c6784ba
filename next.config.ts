import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts and Next.js rejects
  // server-action forms submitted before JavaScript loads. Cross-site requests still get no referrer.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

// API responses are JSON or redirects: nothing in them may load, run or be framed. Static, so set here rather than
// in proxy.ts, which then never runs for /api (the step-one hot path and the benchmarks' baseline). HSTS is sent on
// every API response: browsers ignore it over plain HTTP (RFC 6797, 8.1), so development is unaffected.
export const apiSecurityHeaders = [
  {
    key: "Content-Security-Policy",
    value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer"],
  poweredByHeader: false,
  // The portal's server compresses (brotli, then gzip: scripts/compression.ts); Next.js's gzip-only compression
  // would encode the same bytes a second time. `next dev` serves uncompressed, which is fine on this machine.
  compress: false,
  // Lets tests and benchmarks build into their own folder without disturbing a running dev build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: apiSecurityHeaders },
    ];
  },
};

export default nextConfig;
