// Validates YAML files against a JSON Schema (draft 2020-12) with ajv in strict mode.
// Usage: node validate-schema.mjs <schema.json> <file.yml>...
// Prints one JSON object: { "<file>": { "valid": bool, "errors": ["<instancePath> <message>", ...] } }
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const results = {};
for (const file of files) {
  let data;
  try {
    data = YAML.parse(readFileSync(file, "utf8"), { uniqueKeys: true });
  } catch (e) {
    results[file] = { valid: false, errors: ["yaml: " + e.message] };
    continue;
  }
  const valid = validate(data);
  results[file] = { valid, errors: valid ? [] : validate.errors.map(e => `${e.instancePath || "/"} ${e.message}`) };
}
console.log(JSON.stringify(results));
