/**
 * Runs `flush` once when the process is about to exit on its own: Node fires `beforeExit` when the
 * event loop empties, and still allows asynchronous work then. `process.exit()` and signals do not
 * fire it; nothing can flush over the network there. Returns the function that stops watching.
 */
export function flushBeforeExit(flush: () => Promise<void>): () => void {
  const onBeforeExit = (): void => {
    process.off('beforeExit', onBeforeExit);
    void flush();
  };
  process.on('beforeExit', onBeforeExit);
  return () => process.off('beforeExit', onBeforeExit);
}
