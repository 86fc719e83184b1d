// The GraphQL-over-HTTP conformance audit of the GraphQL working group (graphql-http's
// auditServer, pinned in package.json / package-lock.json) against a running /graphql/.
//
//   node audit.mjs http://127.0.0.1:8765/graphql/
//
// Prints every audit with its result and exits 1 unless all of them pass: a "warn" (a SHOULD)
// or a "notice" (a MAY) fails too, because docs/api.md promises the whole audit.
// `make api-audit` starts a throwaway server and runs this script against it.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <url of the GraphQL endpoint>');
  process.exit(2);
}

const results = await auditServer({ url });
const passed = results.filter((result) => result.status === 'ok');

for (const result of results) {
  const mark = result.status === 'ok' ? 'ok   ' : result.status.padEnd(5);
  console.log(`${mark} ${result.id} ${result.name}`);
  if (result.status !== 'ok') {
    let body = '';
    try {
      body = (await result.response.text()).slice(0, 300);
    } catch {
      // the body was read by the audit itself
    }
    console.log(`        ${result.reason}`);
    console.log(
      `        HTTP ${result.response.status} ${result.response.headers.get('content-type') ?? ''}` +
        (body ? ` ${body}` : ''),
    );
  }
}

console.log(`\ngraphql-http audit: ${passed.length} of ${results.length} audits pass`);
process.exit(passed.length === results.length ? 0 : 1);
