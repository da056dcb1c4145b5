import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { readMigrations, runMigrations } from '../store/migrations.ts';

/**
 * An embedded store in a fresh directory, migrated up to (not including) migration `version`,
 * holding what `fill` stores there, then migrated the rest of the way: a store upgraded from
 * before that migration. `remove` closes it and deletes its directory.
 */
export async function storeUpgradedPast(
  version: number,
  fill: (store: EmbeddedStore) => Promise<void>,
): Promise<{ store: EmbeddedStore; remove: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `trumpets-upgraded-past-${version}-`));
  const store = new EmbeddedStore(dir);
  const remove = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runMigrations(
      store,
      readMigrations().filter((migration) => migration.version < version),
    );
    await fill(store);
    await runMigrations(store);
  } catch (error) {
    await remove();
    throw error;
  }
  return { store, remove };
}
