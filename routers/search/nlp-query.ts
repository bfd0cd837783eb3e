import {
  analyseThreat,
  answerNlQuery,
  ZNlQueryRequest,
  ZNlQueryResponse,
  ZThreatAnalysisRequest,
  ZThreatAnalysisResponse,
} from '../../services/search/index.ts';
import { nlpProcedure } from './nlp-access.ts';

export const nlpQueryProcedure = nlpProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/nlp/query',
      tags: ['nlp'],
      summary: 'Ask a question in English: it is translated to KQL (returned as `kql`), run over your data, and the rows returned as findings',
      description:
        'A deterministic translator (no language model): entities (IPv4/IPv6, CIDR, domains, URLs, md5/sha1/sha256, "user X", "host X", "port N"), time phrases ("in the last hour", "past 3 days", "today", "yesterday", "this week", "since 2026-12-01"), failed/successful ssh, rdp and Windows logins, top N IPs/users/hosts, counts per hour/day, incidents and alerts by category, keyword, severity and status, PowerShell and command-line searches. Words it did not use are listed in `unrecognised`. The question names no time: the last 24 hours of events or 30 days of alerts and incidents. Recommendations and follow-up questions come from the rows found; none when nothing was found. When nothing in the question is recognised no KQL runs and, with semantic_search, incidents are ranked by full-text relevance instead.',
    },
  })
  .input(ZNlQueryRequest)
  .output(ZNlQueryResponse)
  .mutation(({ ctx, input }) => answerNlQuery(ctx.service, input));

export const nlpThreatAnalysisProcedure = nlpProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/nlp/threat-analysis',
      tags: ['nlp'],
      summary: 'The natural-language query bounded to the last time_range_hours (≤720), with analysis_type as a focus',
      description:
        'analysis_type (e.g. brute_force, ransomware, phishing) is added to the question; analysis_metadata.focus_applied says whether the translator understood it. A time phrase in the question is clipped to the window.',
    },
  })
  .input(ZThreatAnalysisRequest)
  .output(ZThreatAnalysisResponse)
  .mutation(({ ctx, input }) => analyseThreat(ctx.service, input));
