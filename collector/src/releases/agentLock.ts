/**
 * Release actions on one agent run one at a time in this process (API calls, alert webhooks and the
 * rollout watcher alike), so two rollbacks arriving together are one rollback and a stage never
 * advances while it is being rolled back. Several collectors on one store would need a lease.
 */
export class AgentLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(agent: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(agent) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(agent, tail);
    void tail.then(() => {
      if (this.tails.get(agent) === tail) this.tails.delete(agent);
    });
    return result;
  }
}
