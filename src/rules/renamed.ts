/**
 * Retired rule ids and the rules that took over their findings. A suppression or a stored finding
 * that names a retired id keeps working: it applies to the successors, and the output says the rule
 * was renamed so the config can be updated. Add an entry whenever a rule id leaves the catalogue.
 */
export interface RenamedRule {
  /** Rule ids that now report what the retired rule reported. */
  to: readonly string[];
  /** When and why it was retired (one line, shown by `vigil rules OLD_ID`). */
  note: string;
}

const CHAINS = 'retired when content findings became behaviour chains (one behaviour, one finding)';

export const RENAMED_RULES: Readonly<Record<string, RenamedRule>> = {
  'content/install-exfiltration': { to: ['content/secret-exfiltration', 'content/identity-beacon'], note: CHAINS },
  'content/install-download-exec': { to: ['content/remote-code', 'content/decoded-exec', 'content/reverse-shell'], note: CHAINS },
  'content/env-exfiltration': { to: ['content/secret-exfiltration'], note: CHAINS },
  'content/credential-access': { to: ['content/secret-exfiltration'], note: CHAINS },
  'content/encoded-exec': { to: ['content/decoded-exec'], note: CHAINS },
};

/** The successors of a retired rule id, or undefined when `id` is not retired. */
export function renamedRule(id: string): RenamedRule | undefined {
  return Object.hasOwn(RENAMED_RULES, id) ? RENAMED_RULES[id] : undefined;
}
