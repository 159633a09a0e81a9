// Ansible values may be Jinja templates. Certify evaluates only plain variable references
// (`{{ name }}`) from variables the repo states; anything else stays unresolved and is shown
// as the expression it is, never guessed. A reference to a secret variable (repo/secretVars) is
// never substituted, so no secret reaches a fact through a template.

const TEMPLATE_MARK = /\{\{|\{%/;
const PLAIN_REFERENCE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const MAX_DEPTH = 8;

export function isTemplate(value: unknown): value is string {
  return typeof value === 'string' && TEMPLATE_MARK.test(value);
}

/** What a lookup answers for a secret variable: known to exist, never substituted. */
export const SECRET_VALUE: unique symbol = Symbol('secret');

/** `secret`: the expression refers to a secret variable (shown as written, which names it, never its value). */
export type Resolution = { resolved: true; value: string } | { resolved: false; expression: string; secret?: true };

/**
 * Substitutes `{{ var }}` references with values from `lookup`, recursively. Fails (returns
 * the original expression) when a reference is unknown, uses filters or expressions, or loops.
 */
export function resolveTemplate(text: string, lookup: (name: string) => unknown, depth = 0): Resolution {
  if (!isTemplate(text)) return { resolved: true, value: text };
  if (depth >= MAX_DEPTH) return { resolved: false, expression: text };
  let failed = false;
  let secret = false;
  const substituted = text.replace(PLAIN_REFERENCE, (whole, name: string) => {
    const value = lookup(name);
    if (value === SECRET_VALUE) {
      failed = secret = true;
      return whole;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      failed = true;
      return whole;
    }
    const inner = resolveTemplate(value, lookup, depth + 1);
    if (!inner.resolved) {
      failed = true;
      if (inner.secret) secret = true;
      return whole;
    }
    return inner.value;
  });
  if (secret) return { resolved: false, expression: text, secret: true };
  if (failed || isTemplate(substituted)) return { resolved: false, expression: text };
  return { resolved: true, value: substituted };
}
