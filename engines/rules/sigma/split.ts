import { parseAllDocuments } from 'yaml';

/**
 * The source text of each YAML document in a multi-document text, indexed as parseSigmaText indexes documents, so an
 * import can store every rule with exactly the text it was written in (comments included); `lineOffset` turns a line of
 * the document's own text into a line of the whole text.
 */
export function sigmaDocumentTexts(text: string): Array<{ text: string; lineOffset: number }> {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => {
    const [start, , end] = document.range;
    const marker = /^---[^\n]*\n?/.exec(text.slice(start, end))?.[0] ?? '';
    const from = start + marker.length;
    return { text: text.slice(from, end), lineOffset: countLines(text, from) };
  });
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}
