// Signs or verifies a webhook body with GitHub's own library (@octokit/webhooks-methods), so the tests can
// prove AgentBot's X-Hub-Signature-256 agrees with it both ways. The body is read from a file as UTF-8 text,
// the way the library takes a payload.
// Usage: node sign.mjs sign <secret> <body-file>                 prints sha256=<hex>
//        node sign.mjs verify <secret> <body-file> <signature>   prints true or false
import { readFileSync } from "node:fs";
import { sign, verify } from "@octokit/webhooks-methods";

const [command, secret, file, signature] = process.argv.slice(2);
const body = readFileSync(file, "utf8");
if (command === "sign") {
  console.log(await sign(secret, body));
} else if (command === "verify") {
  console.log(String(await verify(secret, body, signature)));
} else {
  console.error(`unknown command '${command}': use sign or verify`);
  process.exit(2);
}
