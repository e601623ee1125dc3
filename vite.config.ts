import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * The built app runs offline under a strict Content-Security-Policy: scripts, workers, fonts and
 * connections only from its own origin. Monaco injects <style> elements, hence 'unsafe-inline'
 * for styles only. The dev server needs inline scripts (React refresh), so the policy is added at
 * build time.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'rule-studio-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
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
  plugins: [react(), contentSecurityPolicy(), stripTomlEvalProbe()],
  resolve: {
    alias: {
      // monaco-editor's package exports map every subpath to .js, which hides its icon font CSS.
      'monaco-codicons.css': fileURLToPath(
        new URL('./node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css', import.meta.url),
      ),
    },
  },
  // @iarna/toml reads Node's `global`; in the browser that is globalThis.
  define: { global: 'globalThis' },
  worker: { format: 'es', plugins: () => [stripTomlEvalProbe()] },
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
