import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

/**
 * The app runs offline under a strict Content-Security-Policy: scripts, workers, fonts and
 * connections only from its own origin, images only from it or inline (`data:`), so a hostile
 * rule note can make the browser fetch nothing. Monaco injects <style> elements, hence
 * 'unsafe-inline' for styles only. The same policy is served in development (`npm start`),
 * where two things are added and nothing else: the hashes of the inline scripts the dev server
 * writes into the page (React refresh's preamble), and its own HMR websocket.
 */
function contentSecurityPolicy({ scriptHashes = [], websocket }: { scriptHashes?: string[]; websocket?: string } = {}): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' '),
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", websocket].filter(Boolean).join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function buildContentSecurityPolicy(): Plugin {
  return {
    name: 'rule-studio-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`,
      ),
  };
}

/** Inline <script> bodies of a page as CSP hash sources (`sha256-…`). */
function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (m[1].trim()) hashes.push(`sha256-${createHash('sha256').update(m[1]).digest('base64')}`);
  }
  return hashes;
}

/**
 * Development: runs after every other page transform (the dev client and React refresh's
 * preamble are in by then), so the hashes cover exactly the inline scripts served.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'rule-studio-csp-dev',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const local = ctx.server?.resolvedUrls?.local[0];
        const websocket = local ? new URL(local).origin.replace(/^http/, 'ws') : undefined;
        // First in <head>: a policy in a <meta> covers only what comes after it, and the dev
        // server puts its scripts at the top.
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html), websocket })}" />`;
        return html.replace(/<head>/, `<head>\n    ${meta}`);
      },
    },
  };
}

/**
 * @iarna/toml probes for Node's util.inspect with `eval` (inside a try). In the browser that is
 * a CSP violation for nothing: replace the probe with `undefined`, so the bundle has no eval.
 */
function stripTomlEvalProbe(): Plugin {
  const probe = `eval("require('util').inspect")`;
  return {
    name: 'rule-studio-strip-toml-eval',
    transform(code, id) {
      if (!id.includes('@iarna/toml') || !code.includes(probe)) return null;
      return { code: code.replace(probe, 'undefined'), map: null };
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the built site works from any static server and any sub-path.
  base: './',
  plugins: [react(), buildContentSecurityPolicy(), devContentSecurityPolicy(), stripTomlEvalProbe()],
  resolve: {
    alias: {
      // monaco-editor's package exports map every subpath to .js, which hides its icon font CSS.
      'monaco-codicons.css': fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css', import.meta.url)),
    },
  },
  // @iarna/toml reads Node's `global`; in the browser that is globalThis.
  define: { global: 'globalThis' },
  worker: { format: 'es', plugins: () => [stripTomlEvalProbe()] },
  // The dev server pre-bundles dependencies: strip the probe there too, or the strict CSP reports it.
  optimizeDeps: { rolldownOptions: { plugins: [stripTomlEvalProbe()] } },
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
