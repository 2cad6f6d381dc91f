// KS Query's whole flow from TypeScript: sign up, log in, pick KALP DLT Test Net, create the API key "tradingbot",
// list keys (masked), list the network's APIs, call chain APIs with the key, read the key's usage, roll it, revoke it
// and meet the typed 401 `key_revoked`. Types come from src/schema.d.ts (openapi-typescript, generated from
// docs/openapi/v1.json by scripts/client-generate); calls go through openapi-fetch. No casts, no `any`:
// `npm run typecheck` (tsc --strict) checks every path, body, parameter and answer against the document.
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

export interface FlowOptions {
  /** The gateway's root, e.g. "http://localhost:5000". */
  baseUrl: string;
  email: string;
  /** At least 12 characters. */
  password: string;
  /** A fetch to send with (defaults to globalThis.fetch). */
  fetch?: (input: Request) => Promise<Response>;
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`flow: ${what}`);
}

export async function wholeFlow(options: FlowOptions): Promise<void> {
  const { baseUrl, email, password } = options;
  const transport = options.fetch === undefined ? {} : { fetch: options.fetch };
  const anonymous = createClient<paths>({ baseUrl, ...transport });

  const signUp = await anonymous.POST("/v1/accounts", { body: { email, password } });
  check(signUp.data !== undefined, `sign up: ${signUp.response.status} ${signUp.error?.code}`);
  check(signUp.data.email === email, "sign up: the account's email");

  const login = await anonymous.POST("/v1/auth/login", { body: { email, password } });
  check(login.data !== undefined, `log in: ${login.response.status} ${login.error?.code}`);
  const dashboard = createClient<paths>({ baseUrl, ...transport, headers: { Authorization: `Bearer ${login.data.accessToken}` } });

  const chains = await anonymous.GET("/v1/chains");
  check(chains.data !== undefined, "chains");
  const kalp = chains.data.find((chain) => chain.id === "kalp");
  check(kalp !== undefined && kalp.status === "available", "KALP DLT is available");
  check(kalp.networks.some((network) => network.id === "testnet" && network.name === "Test Net"), "KALP DLT has Test Net");

  // Every setting given explicitly, so the request stays valid whichever of them the document marks optional.
  const created = await dashboard.POST("/v1/keys", {
    body: {
      name: "tradingbot",
      description: "API key for tradingbot",
      chain: "kalp",
      network: "testnet",
      expiresAt: new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString(),
      rateLimitPerSecond: 50,
      monthlyQuota: 1_000_000,
      recoverable: false,
    },
  });
  check(created.data !== undefined, `create key: ${created.response.status} ${created.error?.code}`);
  const { id: keyId, key } = created.data;
  check(key.startsWith("ksq_test_"), "a Test Net key");

  const selection = await dashboard.PUT("/v1/me/selection", { body: { chain: "kalp", network: "testnet", activeKeyId: keyId } });
  check(selection.data !== undefined, `select KALP DLT Test Net: ${selection.response.status} ${selection.error?.code}`);
  const me = await dashboard.GET("/v1/me");
  check(me.data?.selection?.chain === "kalp" && me.data.selection.network === "testnet", "the selection");

  const keys = await dashboard.GET("/v1/keys");
  check(keys.data !== undefined, "list keys");
  const listed = keys.data.items.find((item) => item.id === keyId);
  check(listed !== undefined && listed.display.includes("…") && !listed.display.includes(key.slice(9)), "the key is listed masked");

  const catalog = await anonymous.GET("/v1/chains/{chain}/networks/{network}/apis", { params: { path: { chain: "kalp", network: "testnet" } } });
  check(catalog.data !== undefined, "the network's APIs");
  check(catalog.data.apis.some((api) => api.path === "/v1/kalp/testnet/blocks/{number}"), "the block API is listed");

  const keyed = createClient<paths>({ baseUrl, ...transport, headers: { "X-Api-Key": key } });
  const latest = await keyed.GET("/v1/kalp/testnet/blocks/latest");
  check(latest.response.status === 200 && latest.data !== undefined && latest.data.number > 1, `latest block: ${latest.error?.code}`);
  const block = await keyed.GET("/v1/kalp/testnet/blocks/{number}", { params: { path: { number: 1 } } });
  check(block.response.status === 200 && block.data?.number === 1, `block 1: ${block.error?.code}`);
  check(block.response.headers.get("RateLimit-Limit") !== null, "RateLimit headers on a keyed answer");

  const usage = await dashboard.GET("/v1/keys/{id}/usage", { params: { path: { id: keyId } } });
  check(usage.data !== undefined && usage.data.requests >= 2, `the key's usage: ${usage.error?.code}`);

  const rolled = await dashboard.POST("/v1/keys/{id}/roll", { params: { path: { id: keyId } }, body: { gracePeriodSeconds: 0 } });
  check(rolled.data !== undefined && rolled.data.key !== key, `roll: ${rolled.error?.code}`);
  const rolledKeyed = createClient<paths>({ baseUrl, ...transport, headers: { "X-Api-Key": rolled.data.key } });

  const revoked = await dashboard.POST("/v1/keys/{id}/revoke", { params: { path: { id: rolled.data.id } } });
  check(revoked.data?.status === "revoked", `revoke: ${revoked.error?.code}`);

  const refused = await rolledKeyed.GET("/v1/kalp/testnet/network");
  check(refused.response.status === 401 && refused.error?.code === "key_revoked", `a revoked key: ${refused.response.status} ${refused.error?.code}`);
}
