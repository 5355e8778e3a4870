#!/usr/bin/env node
/**
 * Waits until a dependency of the local stack can do its work, not merely listen:
 *   node deploy/local/wait-for.js kafka <host:port,...> [timeoutMs]   broker answers metadata
 *     (as the principal of KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD, SCRAM-SHA-512, when set)
 *   node deploy/local/wait-for.js http <url> [timeoutMs]              URL answers 200
 * Exits 0 when ready, 1 with one line on stderr when the time runs out.
 * Plain CommonJS on purpose: the scripts run it before anything is built.
 */
'use strict';

const { setTimeout: sleep } = require('node:timers/promises');

const POLL_INTERVAL_MS = 500;
const USAGE = 'usage: node deploy/local/wait-for.js kafka <host:port,...> [timeoutMs] | http <url> [timeoutMs]';

async function kafkaAnswersMetadata(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const { KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = process.env;
  const mechanism = (KAFKA_SASL_MECHANISM || 'scram-sha-512').toLowerCase();
  const kafka = new Kafka({
    clientId: 'local-stack-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    ...(username ? { sasl: { mechanism, username, password } } : {}),
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('the broker reports no live brokers yet');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function urlAnswersOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(POLL_INTERVAL_MS * 4) });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

async function waitUntil(probe, target, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe(target);
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${target} was not ready within ${timeoutMs} ms (last answer: ${reason})`);
      }
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

async function main([kind, target, timeout = '60000']) {
  const probes = { kafka: kafkaAnswersMetadata, http: urlAnswersOk };
  const timeoutMs = Number(timeout);
  if (!probes[kind] || !target || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  await waitUntil(probes[kind], target, timeoutMs);
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
