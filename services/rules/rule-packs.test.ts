import { describe, expect, it } from 'vitest';
import { VIGIL_MAPPING } from '../../engines/rules/mapping/index.ts';
import { planRules } from '../../engines/rules/rule-plan.ts';
import { parseSigmaText, sigmaDocumentTexts } from '../../engines/rules/sigma/index.ts';
import { rulePacks } from './rule-packs.ts';

describe('bundled rule packs', () => {
  it.each(rulePacks().map((pack) => [pack.name, pack] as const))('%s: every rule parses, compiles and resolves', (_, pack) => {
    const parsed = parseSigmaText(pack.content);
    expect(parsed.problems).toEqual([]);
    const texts = sigmaDocumentTexts(pack.content);
    const inputs = parsed.documents.map((document) => ({
      input: {
        key: document.meta.id,
        format: 'sigma' as const,
        source: texts[document.documentIndex]?.text ?? '',
        title: document.meta.title,
        level: document.meta.level,
      },
      enabled: true,
    }));
    const plan = planRules(inputs, VIGIL_MAPPING);
    expect(Object.fromEntries(plan.problems)).toEqual({});
    expect(plan.detections.size + plan.correlations.length).toBe(parsed.documents.length);
    expect(parsed.documents.every((document) => document.meta.author === 'Vigil')).toBe(true);
  });
});
