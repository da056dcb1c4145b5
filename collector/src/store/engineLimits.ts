/**
 * Memory limits of the embedded engine. Its own defaults size caches for a dedicated server (5 GiB
 * index caches, a memory limit of 90% of RAM), so under steady load a collector grows until the
 * machine pushes back; these bound it. Each has a TRUMPETS_ENGINE_* variable (see config.ts).
 */
export interface EngineLimits {
  /** The engine's total memory (max_server_memory_usage): past it, queries and inserts fail instead of growing. */
  maxMemoryBytes: number;
  /** One query's or insert's memory (max_memory_usage). */
  queryMaxMemoryBytes: number;
  /** Background merges' memory, together (merges_mutations_memory_usage_soft_limit). */
  mergeMaxMemoryBytes: number;
  /** Concurrent background merges (background_pool_size). */
  mergeThreads: number;
  /** Cache of granule offsets (mark_cache_size, and index_mark_cache_size for skip indexes). */
  markCacheBytes: number;
  /** Cache of primary-key indexes (primary_index_cache_size). */
  primaryIndexCacheBytes: number;
  /** Cache of decompressed blocks (uncompressed_cache_size); off by default, as on a server. */
  uncompressedCacheBytes: number;
  /**
   * How often, while it works, the engine hands freed memory back to the system (SYSTEM JEMALLOC
   * PURGE); 0 leaves it to the allocator. Its allocator keeps freed pages for reuse and lets them
   * go over about 5 s, so under steady load several inserts' peaks stayed resident at once.
   */
  memoryPurgeIntervalMs: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ENGINE_LIMITS: EngineLimits = {
  maxMemoryBytes: 1024 * MiB,
  queryMaxMemoryBytes: 512 * MiB,
  mergeMaxMemoryBytes: 256 * MiB,
  mergeThreads: 2,
  markCacheBytes: 32 * MiB,
  primaryIndexCacheBytes: 32 * MiB,
  uncompressedCacheBytes: 0,
  memoryPurgeIntervalMs: 1_000,
};

/** The limits as the engine's start-up arguments. */
export function engineArguments(limits: Omit<EngineLimits, 'memoryPurgeIntervalMs'>): string[] {
  const settings: Record<string, number> = {
    max_server_memory_usage: limits.maxMemoryBytes,
    max_memory_usage: limits.queryMaxMemoryBytes,
    merges_mutations_memory_usage_soft_limit: limits.mergeMaxMemoryBytes,
    background_pool_size: limits.mergeThreads,
    mark_cache_size: limits.markCacheBytes,
    index_mark_cache_size: limits.markCacheBytes,
    primary_index_cache_size: limits.primaryIndexCacheBytes,
    uncompressed_cache_size: limits.uncompressedCacheBytes,
  };
  return Object.entries(settings).map(([name, value]) => `--${name}=${value}`);
}
