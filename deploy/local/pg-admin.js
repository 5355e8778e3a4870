#!/usr/bin/env node
/**
 * The few PostgreSQL chores of the local stack, done with `pg` so `psql` is not needed:
 *   node deploy/local/pg-admin.js check                 the server answers
 *   node deploy/local/pg-admin.js create-db [name...]   create databases if missing
 *                                                       (default: the one DATABASE_URL names)
 * The server is the one in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/alignment_ledger);
 * the chores run in its `postgres` maintenance database, which always exists.
 * Plain CommonJS on purpose: the scripts run it before anything is built.
 */
'use strict';

const { Client } = require('pg');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);
const DUPLICATE_DATABASE = '42P04';

function databaseUrl() {
  const raw = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    return new URL(raw);
  } catch {
    throw new Error(`DATABASE_URL is not a valid URL (expected e.g. ${DEFAULT_DATABASE_URL}).`);
  }
}

function serverAddress(url) {
  return `${url.hostname}:${url.port || 5432}`;
}

function databaseName(url) {
  return decodeURIComponent(url.pathname.replace(/^\//, ''));
}

async function withMaintenanceConnection(url, work) {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(connectionFailure(url, error));
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function connectionFailure(url, error) {
  if (UNREACHABLE_CODES.has(error.code) || /timeout/i.test(error.message)) {
    return `PostgreSQL is not reachable at ${serverAddress(url)}: install and start it (apt-get install postgresql) or set DATABASE_URL.`;
  }
  const user = decodeURIComponent(url.username) || 'the current user';
  return `PostgreSQL at ${serverAddress(url)} refused ${user}: ${error.message}. Fix the user or password in DATABASE_URL.`;
}

async function check(url) {
  await withMaintenanceConnection(url, (client) => client.query('SELECT 1'));
  process.stdout.write(`PostgreSQL answers at ${serverAddress(url)}.\n`);
}

async function createDatabases(url, names) {
  const wanted = names.length > 0 ? names : [databaseName(url)];
  if (wanted.some((name) => name === '')) throw new Error('DATABASE_URL names no database to create.');
  await withMaintenanceConnection(url, async (client) => {
    for (const name of wanted) {
      process.stdout.write(`${await createDatabaseIfMissing(client, name)}\n`);
    }
  });
}

async function createDatabaseIfMissing(client, name) {
  const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (existing.rowCount > 0) return `Database ${name} already exists.`;
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return `Database ${name} created.`;
  } catch (error) {
    // Another process created it between the look-up and the CREATE: that is the goal reached.
    if (error.code === DUPLICATE_DATABASE) return `Database ${name} already exists.`;
    throw error;
  }
}

async function main([command, ...names]) {
  const url = databaseUrl();
  if (command === 'check' && names.length === 0) return check(url);
  if (command === 'create-db') return createDatabases(url, names);
  process.stderr.write('usage: node deploy/local/pg-admin.js check | create-db [name...]\n');
  process.exit(2);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(1);
});
