import { type Command, type Io, paint, plural, UsageError } from '../cli-io';
import { loadValidSchema } from '../cli-schema';
import { diffSchemas, type SchemaChange, type SchemaDiff } from '../diff/diff';

export const diff: Command = {
  summary: 'what changed for users between two schemas, and whether it needs fresh consent',
  usage: `Usage: cookie-schema diff <old.json> <new.json> [--json]

Lists what changed for users — cookies added, removed, moved to another category, re-purposed,
kept longer or shorter, attributes and categories changed — and says whether the change needs
fresh consent, i.e. a bump of policy.revision so that every visitor is asked again.

Fresh consent is needed for: a cookie added to (or moved into) a category that needs consent; a
new purpose (in the default locale), a longer lifetime or a new provider for a cookie that needs
consent; a new third party in any category; a longer consentMaxAge. Removals, shorter
lifetimes, translations and technical attributes are listed but need no consent.

Exit 1 when fresh consent is needed and policy.revision was not bumped (or when it went down),
so CI can stop a silent policy change; exit 0 otherwise.

  git show main:cookies.json > /tmp/old.json && cookie-schema diff /tmp/old.json cookies.json

Options:
  --json    print the changes and the verdict as JSON
`,
  options: { json: { type: 'boolean' } },
  async run([oldFile, newFile, ...rest], values, io) {
    if (!oldFile || !newFile || rest.length) {
      throw new UsageError('diff takes exactly two schema files: <old> <new>.');
    }
    const before = await loadValidSchema(oldFile, io);
    const after = await loadValidSchema(newFile, io);
    if (!before || !after) return 1;
    const result = diffSchemas(before, after);
    if (values.json) {
      io.out(`${JSON.stringify({ old: oldFile, new: newFile, ...result }, null, 2)}\n`);
    } else {
      printDiff(result, oldFile, newFile, io);
    }
    return result.ok ? 0 : 1;
  },
};

const MARK: Record<SchemaChange['kind'], string> = {
  'cookie-added': '+',
  'cookie-removed': '-',
  'category-added': '+',
  'category-removed': '-',
  'cookie-recategorized': '~',
  'cookie-repurposed': '~',
  'cookie-lengthened': '~',
  'cookie-shortened': '~',
  'cookie-attribute': '~',
  'category-required-changed': '~',
  'category-consent-changed': '~',
  'consent-max-age': '~',
  'consent-cookie': '~',
  locales: '~',
};

function printDiff(result: SchemaDiff, oldFile: string, newFile: string, io: Io): void {
  const { changes, revision } = result;
  const revisionText = `revision ${revision.from} → ${revision.to}`;
  if (!changes.length) {
    io.out(
      `${paint(io, 'green', '✓')} ${oldFile} → ${newFile}: no changes for users (${revisionText}).\n`,
    );
  } else {
    io.out(`${oldFile} → ${newFile}: ${plural(changes.length, 'change')}\n`);
    for (const change of changes) {
      const line = `  ${MARK[change.kind]} ${change.message}`;
      io.out(`${change.needsConsent ? paint(io, 'yellow', line) : line}\n`);
    }
  }
  const needing = changes.filter((c) => c.needsConsent).length;
  if (revision.to < revision.from) {
    io.err(
      `${paint(io, 'red', '✗')} policy.revision went down from ${revision.from} to ${revision.to}; revisions must only grow. Set policy.revision to ${result.suggestedRevision} in ${newFile}.\n`,
    );
  } else if (result.consentNeeded && !revision.bumped) {
    io.err(
      `${paint(io, 'red', '✗')} fresh consent needed (${plural(needing, 'change')}) but policy.revision is still ${revision.to}: bump policy.revision to ${result.suggestedRevision} in ${newFile} so that visitors are asked again.\n`,
    );
  } else if (result.consentNeeded) {
    io.out(
      `${paint(io, 'green', '✓')} fresh consent needed (${plural(needing, 'change')}), and policy.revision was bumped (${revisionText}): visitors will be asked again.\n`,
    );
  } else if (changes.length) {
    io.out(
      `${paint(io, 'green', '✓')} no change needs fresh consent (${revisionText}${revision.bumped ? '; the bump will still ask every visitor again' : ''}).\n`,
    );
  }
}
