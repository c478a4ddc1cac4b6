/** MAST annotations → groups by category, evidence items, attribution ranking. */
import type { Annotation, Attribution, RankedAgent } from "../api/types";

export interface MastCategory {
  key: string;
  title: string;
  description: string;
}

export const MAST_CATEGORIES: MastCategory[] = [
  { key: "FC1", title: "Specification issues", description: "The system design or the task and role specifications" },
  { key: "FC2", title: "Inter-agent misalignment", description: "Breakdowns in how agents talk and work together" },
  { key: "FC3", title: "Task verification", description: "Checking and ending the task" },
];

export const MAST_MODES = {
  "FM-1.1": "Disobey task specification",
  "FM-1.2": "Disobey role specification",
  "FM-1.3": "Step repetition",
  "FM-1.4": "Loss of conversation history",
  "FM-1.5": "Unaware of termination conditions",
  "FM-2.1": "Conversation reset",
  "FM-2.2": "Fail to ask for clarification",
  "FM-2.3": "Task derailment",
  "FM-2.4": "Information withholding",
  "FM-2.5": "Ignored other agent's input",
  "FM-2.6": "Reasoning-action mismatch",
  "FM-3.1": "Premature termination",
  "FM-3.2": "No or incorrect verification",
  "FM-3.3": "Weak verification",
} as const;

/** A MAST failure mode code, "FM-1.1" … "FM-3.3". */
export type MastCode = keyof typeof MAST_MODES;

export function modeName(mode: string, fallback?: string | null): string {
  return (MAST_MODES as Record<string, string>)[mode] ?? fallback ?? mode;
}

/** "FM-2.3" → "FC2"; an annotation's own category wins when it names one of ours. */
export function categoryKey(annotation: Pick<Annotation, "mode" | "category">): string {
  const match = /^FM-(\d)\./.exec(annotation.mode);
  if (match) return `FC${match[1]}`;
  const cat = (annotation.category ?? "").toLowerCase();
  if (cat.includes("spec")) return "FC1";
  if (cat.includes("align") || cat.includes("inter")) return "FC2";
  if (cat.includes("verif")) return "FC3";
  return "other";
}

export interface AnnotationGroup {
  category: MastCategory;
  annotations: Annotation[];
}

/** Groups in taxonomy order, annotations by mode then confidence (highest first); empty groups dropped. */
export function groupAnnotations(annotations: readonly Annotation[]): AnnotationGroup[] {
  const other: MastCategory = { key: "other", title: "Other", description: "Labels outside the MAST taxonomy" };
  return [...MAST_CATEGORIES, other]
    .map((category) => ({
      category,
      annotations: annotations
        .filter((a) => categoryKey(a) === category.key)
        .sort((a, b) => a.mode.localeCompare(b.mode) || (b.confidence ?? 0) - (a.confidence ?? 0)),
    }))
    .filter((g) => g.annotations.length > 0);
}

export interface EvidenceItem {
  text: string;
  spanId: string | null;
}

/** Evidence comes as a string, a list of strings, or objects naming a span; one shape out. */
export function evidenceItems(evidence: unknown, fallbackSpanId: string | null = null): EvidenceItem[] {
  if (evidence === null || evidence === undefined || evidence === "") return [];
  if (typeof evidence === "string") return [{ text: evidence, spanId: fallbackSpanId }];
  if (Array.isArray(evidence)) return evidence.flatMap((e) => evidenceItems(e, fallbackSpanId));
  if (typeof evidence === "object") {
    const e = evidence as Record<string, unknown>;
    const spanId = typeof e.span_id === "string" ? e.span_id : fallbackSpanId;
    if (Array.isArray(e.span_ids) && !("text" in e)) {
      return e.span_ids.filter((s): s is string => typeof s === "string").map((s) => ({ text: `span ${s}`, spanId: s }));
    }
    const textKey = ["text", "quote", "excerpt", "message", "summary", "content", "description"].find((k) => typeof e[k] === "string");
    let text: string;
    if (textKey) text = e[textKey] as string;
    else if (typeof e.name === "string") text = typeof e.agent === "string" && e.agent !== e.name ? `${e.name} (${e.agent})` : e.name;
    else text = JSON.stringify(evidence);
    return [{ text, spanId }];
  }
  return [{ text: String(evidence), spanId: fallbackSpanId }];
}

/** Ranking sorted by score, with each score as a share of the top one (for bars). */
export function rankingBars(attribution: Attribution | null): (RankedAgent & { share: number })[] {
  const ranking = [...(attribution?.ranking ?? [])].sort((a, b) => b.score - a.score);
  const top = Math.max(...ranking.map((r) => r.score), 0);
  return ranking.map((r) => ({ ...r, share: top > 0 ? r.score / top : 0 }));
}

export function annotationState(a: Annotation): "confirmed" | "rejected" | "open" {
  if (a.status === "confirmed" || a.status === "rejected") return a.status;
  return "open";
}
