/**
 * What an ingest benchmark run tells its reader: the machine and versions it ran on and
 * the settings, each figure with its spread, the ledger's ratio to the peer and to the
 * machine's ceiling, the services' peak memory, and the targets of issue 7 with
 * whether this run met them. Printed as a table and written as JSON for comparisons.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HistoryFigures } from '../history/rebuild-and-verify';
import type { EndToEndResult } from '../pipeline/end-to-end-latency';
import type { Spread, ThroughputFigure } from './figures';
import type { MemoryPeak } from './measure';

export interface Ratio {
  /** e.g. `ledger.library.append.100 / emmett.append.100` */
  key: string;
  label: string;
  ours: number;
  theirs: number;
  /** ours / theirs */
  ratio: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export interface IngestReport {
  benchmark: 'ingest';
  startedAt: string;
  finishedAt: string;
  smoke: boolean;
  machine: { cpus: number; cpuModel: string; memoryMb: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  versions: Record<string, string>;
  settings: Record<string, string | number | boolean>;
  figures: ThroughputFigure[];
  ratios: Ratio[];
  endToEnd: EndToEndResult | null;
  history: HistoryFigures | null;
  memory: Record<string, MemoryPeak>;
  targets: TargetCheck[];
}

export function ratiosOf(figures: ThroughputFigure[], batchSizes: number[]): Ratio[] {
  const rate = (key: string, published: boolean) => {
    const figure = figures.find((candidate) => candidate.key === key);
    const spread = published ? figure?.publishedPerSecond : figure?.committedPerSecond;
    return spread?.median ?? null;
  };
  const ratios: Ratio[] = [];
  for (const size of batchSizes) {
    const ours = rate(`ledger.library.append.${size}`, true);
    const peers: [string, string, boolean][] = [
      [`emmett.append.${size}`, `ledger (committed + published) / Emmett (committed), ${size}/call`, false],
      [`ceiling.insert.${size}`, `ledger (committed + published) / bare-table INSERT, ${size}/statement`, false],
      [`ceiling.copy.${size}`, `ledger (committed + published) / bare-table COPY, ${size}/statement`, false],
      [`ceiling.kafkajs.${size}`, `ledger (committed + published) / bare kafkajs producer, ${size}/send`, false],
    ];
    for (const [key, label, published] of peers) {
      const theirs = rate(key, published);
      if (ours !== null && theirs !== null && theirs > 0) {
        ratios.push({ key: `ledger.library.append.${size} / ${key}`, label, ours, theirs, ratio: ours / theirs });
      }
    }
  }
  const relay = rate('ledger.relay.catch-up', false);
  const bareProducer = rate('ceiling.kafkajs.1000', false);
  if (relay !== null && bareProducer !== null && bareProducer > 0) {
    const label = 'outbox relay alone (1 producer, 500/send) / bare kafkajs producer (4 callers, 1000/send)';
    ratios.push({ key: 'ledger.relay.catch-up / ceiling.kafkajs.1000', label, ours: relay, theirs: bareProducer, ratio: relay / bareProducer });
  }
  const fresh = rate('ledger.kafka.fresh', true);
  const long = rate('ledger.kafka.history', true);
  if (fresh !== null && long !== null && fresh > 0) {
    ratios.push({ key: 'ledger.kafka.history / ledger.kafka.fresh', label: 'Kafka ingest over a long history / on fresh partnerships', ours: long, theirs: fresh, ratio: long / fresh });
  }
  return ratios;
}

export function targetChecks(
  figures: ThroughputFigure[],
  ratios: Ratio[],
  memory: Record<string, MemoryPeak>,
  endToEnd: EndToEndResult | null,
  history: HistoryFigures | null,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const published = figures.filter((figure) => figure.key.startsWith('ledger.') && figure.batchSize > 1 && figure.publishedPerSecond);
  for (const figure of published) {
    const rate = figure.publishedPerSecond!.median;
    checks.push({ target: `${figure.label}: >= 50,000 events/s committed and published`, measured: `${number(rate)}/s`, met: rate >= 50_000 });
  }
  for (const ratio of ratios) {
    const minimum = ratio.key.includes('emmett') ? 1.5 : ratio.key.includes('ceiling.insert') || ratio.key.includes('ceiling.copy') ? 0.5 : null;
    if (minimum !== null) checks.push({ target: `${ratio.label} >= ${minimum}x`, measured: `${ratio.ratio.toFixed(2)}x`, met: ratio.ratio >= minimum });
  }
  const single = figures.find((figure) => figure.key === 'ledger.http.single.c64');
  if (single?.publishedPerSecond && single.latencyMs) {
    const rate = single.publishedPerSecond.median;
    checks.push({ target: 'single submissions over HTTP at concurrency 64: >= 5,000 events/s', measured: `${number(rate)}/s`, met: rate >= 5_000 });
    checks.push({ target: 'single submissions over HTTP at concurrency 64: p99 < 50 ms', measured: `${single.latencyMs.p99.toFixed(1)} ms`, met: single.latencyMs.p99 < 50 });
  }
  const at2000 = endToEnd?.figures.find((figure) => figure.offeredPerSecond === 2000);
  if (at2000) {
    checks.push({ target: 'end to end (accepted -> reporting view) at 2,000 events/s: p99 < 250 ms', measured: `${at2000.latencyMs.p99.toFixed(0)} ms`, met: at2000.sustained && at2000.latencyMs.p99 < 250 });
  }
  for (const rebuild of history?.rebuilds ?? []) {
    checks.push({ target: `${rebuild.label}: >= 50,000 events/s`, measured: `${number(rebuild.eventsPerSecond)}/s`, met: rebuild.eventsPerSecond >= 50_000 });
  }
  if (history) {
    const { verification } = history;
    checks.push({ target: `${verification.label}: >= 200,000 events/s`, measured: `${number(verification.eventsPerSecond)}/s`, met: verification.eventsPerSecond >= 200_000 });
  }
  for (const [service, peak] of Object.entries(memory)) {
    checks.push({ target: `${service} peak RSS < 250 MB`, measured: `${peak.peakRssMb.toFixed(0)} MB`, met: peak.peakRssMb < 250 });
  }
  return checks;
}

export function printReport(report: IngestReport, print: (line: string) => void): void {
  const { machine, versions, settings } = report;
  print('');
  print(`Ingest benchmark${report.smoke ? ' (smoke: sizes too small for meaningful figures)' : ''}, ${report.startedAt}`);
  print(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${number(machine.memoryMb)} MB; load average ${machine.loadAverageAtStart.map((load) => load.toFixed(2)).join(' ')} at start, ${machine.loadAverageAtEnd.map((load) => load.toFixed(2)).join(' ')} at end`);
  print(`versions: ${Object.entries(versions).map(([name, version]) => `${name} ${version}`).join(', ')}`);
  print(`settings: ${Object.entries(settings).map(([name, value]) => `${name}=${value}`).join(', ')}`);
  print('');
  print(table(
    ['scenario', 'per call', 'callers', 'committed events/s (median [min-max])', 'committed + published events/s', 'latency p50 / p95 / p99 ms'],
    report.figures.map((figure) => [
      figure.label,
      String(figure.batchSize),
      String(figure.concurrency),
      spread(figure.committedPerSecond),
      figure.publishedPerSecond ? spread(figure.publishedPerSecond) : '-',
      figure.latencyMs ? [figure.latencyMs.p50, figure.latencyMs.p95, figure.latencyMs.p99].map((ms) => ms.toFixed(1)).join(' / ') : '-',
    ]),
  ));
  print('');
  print(table(['ratio (medians)', 'ours/s', 'theirs/s', 'ours / theirs'], report.ratios.map((ratio) => [ratio.label, number(ratio.ours), number(ratio.theirs), `${ratio.ratio.toFixed(2)}x`])));
  print('');
  if (report.endToEnd) {
    const { figures, highestSustainedPerSecond } = report.endToEnd;
    print(table(
      ['offered events/s', 'sent events/s', 'events', 'accepted -> reporting view p50 / p95 / p99 / max ms', 'backlog when sending stopped', 'drained in ms', 'failed requests', 'sustained'],
      figures.map((figure) => [
        number(figure.offeredPerSecond),
        number(figure.sentPerSecond),
        number(figure.events),
        [figure.latencyMs.p50, figure.latencyMs.p95, figure.latencyMs.p99, figure.latencyMs.max].map((ms) => ms.toFixed(0)).join(' / '),
        number(figure.backlogAtEnd),
        number(figure.drainMs),
        number(figure.failedRequests),
        figure.sustained ? 'yes' : 'no',
      ]),
    ));
    print(`highest sustained rate (projection lag bounded): ${highestSustainedPerSecond === null ? 'none of the rates tried' : `${number(highestSustainedPerSecond)} events/s`}`);
    print('');
  }
  if (report.history) {
    const { history } = report;
    print(`history: ${number(history.events)} events in ${number(history.partnerships)} partnerships; filled at ${number(history.fill.eventsPerSecond)}/s, sealed into ${history.seal.checkpoints} checkpoints at ${number(history.seal.eventsPerSecond)}/s`);
    print(table(
      ['over the history', 'seconds (whole command)', 'events/s', 'peak RSS MB'],
      [...history.rebuilds, history.verification].map((figure) => [figure.label, figure.seconds.toFixed(1), number(figure.eventsPerSecond), figure.peakRssMb.toFixed(0)]),
    ));
    print('');
  }
  print(
    table(
      ['service', 'peak RSS (VmHWM) MB', 'RSS at end MB', 'CPU s (user + system)'],
      Object.entries(report.memory).map(([service, peak]) => [service, peak.peakRssMb.toFixed(0), peak.lastRssMb.toFixed(0), peak.cpuSeconds?.toFixed(1) ?? '-']),
    ),
  );
  print('');
  print(table(['target (issue 7)', 'measured', 'met'], report.targets.map((check) => [check.target, check.measured, check.met ? 'yes' : 'NO'])));
}

export function writeReport(report: IngestReport, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

function spread(value: Spread): string {
  return `${number(value.median)} [${number(value.min)}-${number(value.max)}]`;
}

function number(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
