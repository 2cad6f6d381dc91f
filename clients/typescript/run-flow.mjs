// Runs src/flow.ts (compiled to dist/ by `npm run flow`) against a running KS Query host, with a fresh account:
//   npm run flow -- http://localhost:5000
import { wholeFlow } from "./dist/flow.js";

const baseUrl = process.argv[2] ?? "http://localhost:5000";
await wholeFlow({ baseUrl, email: `ts-flow-${Date.now()}@example.com`, password: "correct horse battery" });
console.log(`the whole flow passed against ${baseUrl}`);
