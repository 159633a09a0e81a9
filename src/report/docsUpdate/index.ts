// The docs update after a completed certification: what front ends call.

export { applyDocsEdits } from './applyEdits';
export { docsUpdateEdits } from './docsUpdate';
export type { DocFacts, DocsEdit, DocsRepo, DocsUpdate } from './types';
