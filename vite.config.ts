import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
  // Pre-bundle the browser dependencies at start so the dev server never re-optimises
  // mid-session (which reloads the page and can load React twice).
  optimizeDeps: {
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "react/jsx-runtime",
      "react/jsx-dev-runtime",
      "@remix-run/react",
      "i18next",
      "react-i18next",
      "remix-i18next/react",
      "@conform-to/react",
      "@conform-to/zod/v4",
      "zod",
      "lucide-react",
      "clsx",
      "@tiptap/react",
      "@tiptap/starter-kit",
      "@tiptap/extension-placeholder",
      "downshift",
    ],
    // Route modules import server code for their loaders and actions; the scanner would try to
    // bundle it for the browser and reload mid-session. The list above is the browser's.
    noDiscovery: true,
  },
  build: {
    // The server bundle keeps native and WASM packages external; they load from node_modules.
    target: "es2022",
  },
});
