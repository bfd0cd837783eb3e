import { buildDetection, maxSeverity, plural } from './build.ts';
import type { LinearRegex } from './linear-regex.ts';
import type { Detection, DetectionCategory, DetectionEvent, DetectionSeverity, Detector, DetectorInterest, Entity } from './types.ts';
import { gapEpisodes } from './window.ts';

export type CommandPattern = { name: string; re: LinearRegex; severity: DetectionSeverity; mitre: readonly string[] };
type Match = { pattern: CommandPattern; text: string };

/**
 * The command line of an event (Cowrie input, osquery/EDR/agent process events), whole: the patterns run on a
 * linear-time engine (linear-regex.ts), so padding a command line cannot push the payload out of reach.
 */
export function commandOf(e: DetectionEvent): string[] {
  return e.processCommandLine ? [e.processCommandLine] : [];
}

/**
 * Who ran it: the attacker's IP on a honeypot (Cowrie), else the endpoint's host name, else the event's source IP.
 * A DNS query is attributed to the querying client (source IP).
 */
export function commandEntity(e: DetectionEvent): Entity | null {
  if (e.sourceKind === 'cowrie' || e.category === 'dns') return e.srcIp ? { type: 'src_ip', value: e.srcIp } : null;
  if (e.hostName) return { type: 'host', value: e.hostName };
  return e.srcIp ? { type: 'src_ip', value: e.srcIp } : null;
}

type Definition = {
  id: string;
  title: string;
  category: DetectionCategory;
  mitre: readonly string[];
  patterns: readonly CommandPattern[];
  /** Texts to test (default: the command line). */
  texts?: (e: DetectionEvent) => string[];
  interest?: Partial<DetectorInterest>;
  /** Final severity from the distinct patterns seen (default: the highest pattern severity). */
  severityOf?: (patterns: readonly CommandPattern[], texts: readonly string[]) => DetectionSeverity;
};

/**
 * A detector that fires on any command matching one of its patterns: one detection per entity, commands closer than
 * commandPatterns.gapSeconds belong together; evidence lists each distinct pattern with its count.
 */
export function commandPatternDetector(def: Definition): Detector {
  const textsOf = def.texts ?? commandOf;
  const matchesOf = (e: DetectionEvent): Match[] =>
    textsOf(e).flatMap((text) => def.patterns.filter((p) => p.re.test(text)).map((pattern) => ({ pattern, text })));
  const detector: Detector = {
    id: def.id,
    version: 1,
    title: def.title,
    category: def.category,
    mitre: def.mitre,
    interest: { actions: [], categories: [], fields: ['processCommandLine'], attributeKeys: [], ...def.interest },
    prefilter: (e) => commandEntity(e) !== null && matchesOf(e).length > 0,
    lookbackSeconds: (s) => s.commandPatterns.gapSeconds,
    entityOf: commandEntity,
    evaluate(events, settings) {
      const detections: Detection[] = [];
      for (const run of gapEpisodes(events, settings.commandPatterns.gapSeconds)) {
        const matches = run.flatMap(matchesOf);
        if (matches.length === 0) continue;
        const counts = new Map<CommandPattern, number>();
        for (const m of matches) counts.set(m.pattern, (counts.get(m.pattern) ?? 0) + 1);
        const patterns = [...counts.keys()];
        const texts = [...new Set(matches.map((m) => m.text))];
        const entity = commandEntity(run[0] as DetectionEvent) as Entity;
        const latest = (texts[texts.length - 1] ?? '').slice(0, 200);
        detections.push(
          buildDetection({
            detector,
            title: `${def.title} on ${entity.value}`,
            description: `${plural(texts.length, 'command')} from ${entity.value} matched ${patterns.map((p) => p.name).join(', ')}. Latest: ${latest}`,
            severity: def.severityOf ? def.severityOf(patterns, texts) : maxSeverity(...patterns.map((p) => p.severity)),
            entity,
            evidence: [
              { name: 'matching commands', observed: texts.length, threshold: 1, weight: 1 },
              ...patterns.map((p) => ({ name: p.name, observed: counts.get(p) ?? 0, threshold: 1, weight: 0.5 })),
              { name: 'latest command', observed: latest, threshold: 'n/a', weight: 0 },
            ],
            events: run,
            mitre: patterns.flatMap((p) => p.mitre),
          }),
        );
      }
      return detections;
    },
  };
  return detector;
}
