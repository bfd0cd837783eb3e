import { buildDetection, plural, str } from '../build.ts';
import type { Detection, DetectionEvent, Detector, Entity } from '../types.ts';
import { gapEpisodes, groupBy } from '../window.ts';
import { UNKNOWN_NOTE, ZEEK_NOTES } from '../zeek-notes.ts';

const noteOf = (e: DetectionEvent) => str(e.attributes.note);

/** The notice's originator (id.orig_h or src); a notice about a destination only (no source) is keyed on it as a host. */
function entityOf(e: DetectionEvent): Entity | null {
  if (e.srcIp) return { type: 'src_ip', value: e.srcIp };
  return e.dstIp ? { type: 'host', value: e.dstIp } : null;
}

/**
 * Zeek notices (notice.log): one detection per entity and note type; notices closer than gapSeconds belong together.
 * Category, severity and MITRE ids come from the ZEEK_NOTES table (zeek-notes.ts); unknown notes are
 * network_anomaly/medium. Notes listed in zeekNotice.ignoredNotes are skipped.
 */
export const zeekNotice: Detector = {
  id: 'zeek_notice',
  version: 1,
  title: 'Zeek notice',
  category: 'network_anomaly',
  mitre: [],
  interest: { actions: ['zeek.notice'], categories: [], fields: [], attributeKeys: [] },
  prefilter: (e) => e.action === 'zeek.notice' && noteOf(e) !== null && entityOf(e) !== null,
  lookbackSeconds: (s) => s.zeekNotice.gapSeconds,
  entityOf,
  evaluate(events, settings) {
    const { gapSeconds, ignoredNotes } = settings.zeekNotice;
    const ignored = new Set(ignoredNotes);
    const detections: Detection[] = [];
    for (const [note, group] of groupBy(events, (e) => {
      const n = noteOf(e);
      return n === null || ignored.has(n) ? null : n;
    })) {
      const meta = ZEEK_NOTES[note] ?? UNKNOWN_NOTE;
      for (const run of gapEpisodes(group, gapSeconds)) {
        const last = run[run.length - 1] as DetectionEvent;
        const entity = entityOf(last) as Entity;
        const msg = (last.message ?? '').slice(0, 300);
        detections.push(
          buildDetection({
            detector: zeekNotice,
            title: `Zeek ${note} for ${entity.value}`,
            description: `Zeek raised ${note} ${plural(run.length, 'time')} for ${entity.value}${msg ? `: ${msg}` : '.'}`,
            severity: meta.severity,
            entity,
            evidence: [
              { name: 'notices', observed: run.length, threshold: 1, weight: meta.weight },
              { name: 'note', observed: note, threshold: 'n/a', weight: 0 },
              ...(str(last.attributes.noticeSub)
                ? [{ name: 'sub', observed: String(last.attributes.noticeSub).slice(0, 300), threshold: 'n/a', weight: 0 }]
                : []),
            ],
            events: run,
            fingerprintParts: [note],
            category: meta.category,
            mitre: meta.mitre,
          }),
        );
      }
    }
    return detections;
  },
};
