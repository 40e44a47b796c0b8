/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The UI is loaded by Tauri from ui/dist under a strict CSP (script-src 'self',
// style-src 'self'): nothing may be inlined into index.html.
export default defineConfig({
  // Always ui/, whatever directory the build is started from.
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2021",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    // A fixed zone with daylight saving time, so the offset tests mean something.
    env: { TZ: "Europe/Berlin" },
  },
});
