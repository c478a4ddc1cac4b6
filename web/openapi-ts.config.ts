import { defineConfig } from "@hey-api/openapi-ts";

// The schema is committed (web/openapi.json) so that builds need no server. To refresh it:
//   curl -s http://127.0.0.1:8000/openapi.json | python3 -m json.tool > openapi.json && npm run gen:api
export default defineConfig({
  input: "./openapi.json",
  output: { path: "./src/api/generated" },
  plugins: ["@hey-api/client-fetch", "@hey-api/typescript", { name: "@hey-api/sdk", operations: { strategy: "flat" } }],
});
