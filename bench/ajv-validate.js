// The floor for `castellan catalog import`: node + ajv merely validating the same OSCAL file against its schema.
// Usage: node ajv-validate.js SCHEMA.json DOCUMENT.json
const fs = require('fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const [schemaPath, documentPath] = process.argv.slice(2);
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const ok = validate(JSON.parse(fs.readFileSync(documentPath, 'utf8')));
if (!ok) {
  console.error(JSON.stringify(validate.errors.slice(0, 3)));
  process.exit(1);
}
