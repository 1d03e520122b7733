/* couchdb-validate.js — validate_doc_update of the design document
 * _design/key-accounts, installed by `kam server-setup` (which prints the
 * whole design document with --print).  See data/sync-format.md.
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only administrators and the members named in the database's _security
 * (by name or by role) write; a document must have a known type, an _id
 * "<type>:<id>" and its required fields with the right types.  Deletions
 * (tombstones) need only the membership.
 */
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  var admin = roles.indexOf('_admin') !== -1;
  var members = (secObj && secObj.members) || {};
  var names = members.names || [];
  var memberRoles = members.roles || [];
  var member = false;
  var i;

  if (userCtx.name !== null && names.indexOf(userCtx.name) !== -1)
    member = true;
  for (i = 0; i < roles.length; i++)
    if (memberRoles.indexOf(roles[i]) !== -1)
      member = true;
  /* A database without members is open to every logged-in user, as in
   * CouchDB; kam server-setup always names them. */
  if (names.length === 0 && memberRoles.length === 0 && userCtx.name !== null)
    member = true;
  if (!admin && !member)
    throw ({ unauthorized: 'Only the members of the team can write to this database.' });

  if (newDoc._id.indexOf('_design/') === 0) {
    if (!admin)
      throw ({ unauthorized: 'Only an administrator can change design documents.' });
    return;
  }
  if (newDoc._deleted === true)
    return;

  var required = {
    member: { name: 'text' },
    account: { name: 'text' },
    contact: { account_id: 'id', name: 'text' },
    relation: { from_id: 'id', to_id: 'id' },
    visit: { account_id: 'id', start_at: 'time', end_at: 'time' },
    opportunity: { account_id: 'id', name: 'text' }
  };
  var type = newDoc.type;

  if (typeof type !== 'string' || !required.hasOwnProperty(type))
    throw ({ forbidden: 'The document has no known type (member, account, contact, relation, visit, opportunity).' });
  if (newDoc._id.indexOf(type + ':') !== 0 || newDoc._id.length <= type.length + 1)
    throw ({ forbidden: 'The _id of a ' + type + ' is "' + type + ':<id>".' });

  var time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
  for (var field in required[type]) {
    var value = newDoc[field];

    if (typeof value !== 'string' || value.replace(/\s+/g, '') === '')
      throw ({ forbidden: 'A ' + type + ' needs "' + field + '" (a non-empty string).' });
    if (required[type][field] === 'time' && !time.test(value))
      throw ({ forbidden: '"' + field + '" of a ' + type + ' is an ISO 8601 time such as 2026-11-24T09:30:00Z.' });
  }
  if (newDoc.currency !== undefined && !(typeof newDoc.currency === 'string' && /^([A-Z]{3})?$/.test(newDoc.currency)))
    throw ({ forbidden: '"currency" is an ISO 4217 code such as CNY or EUR.' });
}
