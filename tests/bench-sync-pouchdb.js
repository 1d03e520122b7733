// bench-sync-pouchdb.js URL: one initial pull of the CouchDB database at URL
// by PouchDB's own replicator into an in-memory PouchDB, with the same page
// size as Key Accounts (500); prints {"ms": …, "docs_written": …}.
// tests/bench-sync runs it with NODE_PATH set to pouchdb-server's modules
// (pouchdb-core, -adapter-http, -adapter-memory, -replication: the parts
// of the `pouchdb` package the node replicator is made of).
//
// Copyright 2026 The Key Accounts developers
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-replication'));

(async () => {
  const local = new PouchDB('bench-' + process.pid + '-' + Date.now(), { adapter: 'memory' });
  const start = process.hrtime.bigint();
  const result = await PouchDB.replicate(process.argv[2], local, { batch_size: 500 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const info = await local.info();

  console.log(JSON.stringify({ ms: ms, docs_written: result.docs_written, doc_count: info.doc_count }));
  await local.destroy();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
